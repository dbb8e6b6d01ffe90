using System.Threading.Channels;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Pipeline.Walk;

/// <summary>
/// The walk stage: fetches one stretch of a resource from Shopify into <c>pages</c>, and completes it (with the
/// failure, if the walk fails). The writer stores what a walker hands over; a walker never writes records.
/// </summary>
internal interface IWalker
{
    Task WalkAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, ChannelWriter<FetchedPage<TRecord>> pages,
        CancellationToken cancellationToken);
}
