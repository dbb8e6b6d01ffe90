using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Deletions;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Pipeline.Walk;
using ShopIngest.Modules.Sync.Pipeline.Write;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Pipeline;

/// <summary>
/// One run of one resource, in three stages: <see cref="RunPlanner"/> decides which stretches of <c>updatedAt</c> to
/// fetch, an <see cref="IWalker"/> fetches each stretch from Shopify (page by page, or through a bulk export), and the
/// <see cref="BatchWriter"/> stores the pages as they come. Stretches are walked side by side, up to the plan's number
/// of walkers; within a stretch, the walk runs ahead of the writes by at most two writes' worth of pages. A bulk export
/// Shopify cannot finish is given up for a paged walk of the same history, and the run says so. Last, the
/// <see cref="DeletionSweep"/> removes what Shopify deleted.
/// </summary>
internal sealed partial class SyncPipeline(
    RunPlanner planner, PagedWalker pagedWalker, BulkWalker bulkWalker, BulkExportStore bulkExports, BatchWriter writer, DeletionSweep deletions,
    TimeProvider time, IOptions<SyncOptions> options, ILogger<SyncPipeline> logger)
{
    public async Task RunAsync<TRecord>(IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        await SyncAsync(feed, tenant, run, cancellationToken);
        await deletions.RunAsync(feed, tenant, run, started, cancellationToken);
    }

    private async Task SyncAsync<TRecord>(IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(feed.Resource, tenant, run, bulk: true, cancellationToken);
        try
        {
            await RunPlanAsync(feed, tenant, run, plan, cancellationToken);
        }
        catch (BulkExportFailedException failed)
        {
            LogBulkFailed(logger, feed.Resource.Name, tenant.TenantId, failed.Message);
            await bulkExports.AbandonAsync(tenant.TenantId, feed.Resource, run, $"{failed.Message} The history was paged instead.", cancellationToken);
            await RunPlanAsync(feed, tenant, run, await planner.PlanAsync(feed.Resource, tenant, run, bulk: false, cancellationToken), cancellationToken);
        }
    }

    private async Task RunPlanAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, RunPlan plan, CancellationToken cancellationToken)
    {
        // The one limit on walks: how many stretches of this resource are fetched at once.
        using var walkers = new SemaphoreSlim(plan.Walkers);
        using var stopWalks = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walks = plan.Stretches.Select(async stretch =>
        {
            await walkers.WaitAsync(stopWalks.Token);
            try
            {
                await WalkAndWriteAsync(feed, tenant, run, stretch, stopWalks.Token);
            }
            catch
            {
                await stopWalks.CancelAsync();
                throw;
            }
            finally
            {
                walkers.Release();
            }
        }).ToList();

        try
        {
            await Task.WhenAll(walks);
        }
        catch when (walks.Select(w => w.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException) is { } cause)
        {
            // The other walks were stopped because of this one: it is what the run failed of.
            ExceptionDispatchInfo.Throw(cause);
        }
    }

    private async Task WalkAndWriteAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, CancellationToken cancellationToken)
    {
        // Room for two writes' worth of pages: the walk never waits for a write unless it is that far ahead. A page
        // read from an export is a whole write, read from the database faster than it is written: room for one keeps
        // the writer busy, and every page more would only hold more of the file in memory.
        var pageSize = feed.PageSize(options.Value.PageSize);
        var room = stretch.Bulk is null ? 2 * ((options.Value.WriteBatchSize + pageSize - 1) / pageSize) : 1;
        var pages = Channel.CreateBounded<FetchedPage<TRecord>>(new BoundedChannelOptions(room) { SingleReader = true, SingleWriter = true });
        using var stopWalking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IWalker walker = stretch.Bulk is null ? pagedWalker : bulkWalker;
        var walking = walker.WalkAsync(feed, tenant, run, stretch, pages.Writer, stopWalking.Token);
        try
        {
            await writer.WriteAllAsync(feed, tenant, run, stretch, pages.Reader, cancellationToken);
        }
        finally
        {
            await stopWalking.CancelAsync();
            await walking;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk export of {Resource} for tenant {TenantId} failed; paging instead: {Reason}")]
    private static partial void LogBulkFailed(ILogger logger, string resource, Guid tenantId, string reason);
}
