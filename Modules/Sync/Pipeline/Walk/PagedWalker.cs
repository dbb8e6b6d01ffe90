using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline.Walk;

/// <summary>
/// Walks a stretch through Shopify's cursor paging, filtered on <c>updated_at</c> and sorted by it. A page Shopify
/// finds too costly (MAX_COST_EXCEEDED: its records are dearer than our estimate) is asked again at half the size, and
/// at most what its real cost per record allows, for the rest of the walk and later walks.
/// </summary>
internal sealed class PagedWalker(LearnedPageSizes learnedPageSizes, IOptions<SyncOptions> options) : IWalker
{
    public async Task WalkAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, ChannelWriter<FetchedPage<TRecord>> pages,
        CancellationToken cancellationToken)
    {
        var shop = tenant.Shop;
        try
        {
            var first = learnedPageSizes.Cap(feed.Resource, feed.PageSize(options.Value.PageSize));
            var searchQuery = UpdatedAtSearch.Between(stretch.From, stretch.Until);
            string? after = null;
            var spentOnRefusals = new ShopifyUsage();
            for (var number = 1; ; number++)
            {
                FetchedPage<TRecord> page;
                using (var activity = SyncTelemetry.StartPage(feed.Resource, number))
                {
                    try
                    {
                        page = await feed.FetchAsync(shop, new PageRequest(first, after, searchQuery, WithShop: number == 1), cancellationToken);
                    }
                    catch (ShopifyMaxCostExceededException tooCostly) when (first > 1)
                    {
                        first = learnedPageSizes.Learn(feed.Resource, first, tooCostly.RequestedCost);
                        spentOnRefusals += tooCostly.Usage;
                        number--;
                        continue;
                    }

                    page = page with { Usage = page.Usage + spentOnRefusals };
                    spentOnRefusals = new ShopifyUsage();
                    activity?.SetTag("shopingest.sync.records", page.Records.Count);
                }

                await pages.WriteAsync(page, cancellationToken);
                if (!page.HasNextPage)
                {
                    break;
                }

                after = page.EndCursor;
            }

            pages.Complete();
        }
        catch (Exception failure)
        {
            pages.Complete(failure);
        }
    }
}
