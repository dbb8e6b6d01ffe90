using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Backfill;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;
using ShopIngest.Modules.Sync.Throttling;

namespace ShopIngest.Modules.Sync.Engine;

/// <summary>What a resource run needs to know about the tenant it works for.</summary>
internal sealed record TenantRunContext(Guid TenantId, ShopAccess Shop, string? KnownTimeZone, Func<ShopDetails, Task> ShopDetailsSeen);

/// <summary>
/// One run of one resource: from the stored cursor minus the overlap, in updatedAt order, page by page. A first sync of
/// a large history is cut into slices (<see cref="BackfillPlan"/>) walked side by side, each resuming from its own
/// progress. In every walk, pages are fetched ahead while earlier ones are written. Each write upserts at least
/// <see cref="SyncOptions.WriteBatchSize"/> records (as many Shopify pages as that takes), advances the cursor to the
/// greatest updatedAt among them and counts the run's progress, in one transaction: the cursor never passes a record
/// that is not stored, and a run stopped anywhere resumes from its last write.
/// </summary>
internal sealed class ResourceSync(
    CheckpointStore checkpoints, BackfillStore backfill, BacklogProbe backlog, TenantTransactions transactions, ShopThrottles throttles,
    SyncTelemetry telemetry, TimeProvider time, IOptions<SyncOptions> options)
{
    private readonly LearnedPageSizes _learnedPageSizes = new();

    public async Task RunAsync<TRecord>(IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, CancellationToken cancellationToken)
    {
        var overlap = options.Value.Overlap;
        var cursor = await checkpoints.ReadAsync(tenant.TenantId, feed.Resource, cancellationToken);
        var slices = await backfill.OpenAsync(tenant.TenantId, feed.Resource, cancellationToken);
        if (cursor is null && slices.Count == 0)
        {
            slices = await PlanBackfillAsync(feed.Resource, tenant, run, cancellationToken);
        }

        // Newest first: a growing shop keeps most of its records in its recent history, so the biggest slices start
        // first and the walkers finish close together instead of one walking the newest slice alone at the end; and
        // the merchant sees the recent sales first.
        var stretches = slices.OrderByDescending(slice => slice.StartsAt)
            .Select(slice => new Stretch(Later(slice.StartsAt, slice.Cursor - overlap), slice.EndsAt, slice)).ToList();
        if (!slices.Any(slice => slice.EndsAt is null))
        {
            // The incremental walk; while the newest slice is open, that slice is it.
            stretches.Add(new Stretch(cursor - overlap, null, null));
        }

        using var walkers = new SemaphoreSlim(WalkersFor(tenant.Shop));
        using var stopWalks = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walks = stretches.Select(async stretch =>
        {
            await walkers.WaitAsync(stopWalks.Token);
            try
            {
                await SyncStretchAsync(feed, tenant, run, stretch, stopWalks.Token);
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

    /// <summary>
    /// Walks side by side only pay while the shop's bucket can hold a full query of every walk of every resource at
    /// once (Shopify takes a query's requested cost when it starts): with less, they would only wait for each other's
    /// points, and points reserved side by side that Shopify gives back later leave the bucket to fill up unused.
    /// </summary>
    private int WalkersFor(ShopAccess shop)
    {
        var bucket = throttles.For(shop.ShopDomain).MaximumAvailable ?? double.MaxValue;
        var room = bucket / (SyncResources.All.Count * (double)ShopifyAdminClient.MaxQueryCost);
        return (int)Math.Clamp(Math.Floor(room), 1, options.Value.BackfillWalkers);
    }

    private static DateTimeOffset Later(DateTimeOffset start, DateTimeOffset? resumeFrom) => resumeFrom > start ? resumeFrom.Value : start;

    /// <summary>Asks how much history a resource has, and cuts it into slices when it is worth walking side by side.</summary>
    private async Task<List<BackfillSlice>> PlanBackfillAsync(SyncResource resource, TenantRunContext tenant, PlannedRun run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (WalkersFor(tenant.Shop) < 2)
        {
            return [];
        }

        var found = await backlog.ProbeAsync(tenant.Shop, resource, countUpTo: 2 * settings.BackfillWalkers * settings.WriteBatchSize, cancellationToken);

        // Asked again: the probe's answer may be the first to tell the shop's bucket, and so how many walks it allows.
        IReadOnlyList<PlannedSlice> planned = found.Oldest is { } oldest
            ? BackfillPlan.Slices(oldest, time.GetUtcNow(), found.Records, settings.WriteBatchSize, WalkersFor(tenant.Shop))
            : [];
        return await backfill.StartAsync(tenant.TenantId, run, planned, found.Usage, cancellationToken);
    }

    /// <summary>Walks one stretch of updatedAt and writes it as it comes.</summary>
    private async Task SyncStretchAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, CancellationToken cancellationToken)
    {
        var first = _learnedPageSizes.Cap(feed.Resource, feed.PageSize(options.Value.PageSize));
        var searchQuery = UpdatedAtSearch.Between(stretch.From, stretch.Until);

        // Room for two writes' worth of pages: the walk never waits for a write unless it is that far ahead.
        var pagesPerWrite = (options.Value.WriteBatchSize + first - 1) / first;
        var pages = Channel.CreateBounded<FetchedPage<TRecord>>(new BoundedChannelOptions(2 * pagesPerWrite) { SingleReader = true, SingleWriter = true });
        using var stopWalking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walking = WalkAsync(feed, tenant.Shop, first, searchQuery, pages.Writer, stopWalking.Token);
        try
        {
            await WriteAllAsync(feed, tenant, run, stretch, pages.Reader, cancellationToken);
        }
        finally
        {
            await stopWalking.CancelAsync();
            await walking;
        }
    }

    /// <summary>
    /// Fetches page after page into <paramref name="pages"/>; a failure travels down the channel to the writer. A page
    /// Shopify finds too costly (MAX_COST_EXCEEDED: its records are dearer than our estimate) is asked again at half the
    /// size, and at most what its real cost per record allows, for the rest of the walk and later walks.
    /// </summary>
    private async Task WalkAsync<TRecord>(
        IResourceFeed<TRecord> feed, ShopAccess shop, int first, string? searchQuery, ChannelWriter<FetchedPage<TRecord>> pages, CancellationToken cancellationToken)
    {
        try
        {
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
                        first = _learnedPageSizes.Learn(feed.Resource, first, tooCostly.RequestedCost);
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

    /// <summary>
    /// Writes the pages as they come, in batches of at least <see cref="SyncOptions.WriteBatchSize"/> records. When the walk
    /// fails, what it fetched before failing is written first, so the checkpoint keeps every page that arrived.
    /// </summary>
    private async Task WriteAllAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, ChannelReader<FetchedPage<TRecord>> pages,
        CancellationToken cancellationToken)
    {
        var timeZone = tenant.KnownTimeZone ?? "UTC";
        var batch = new Batch<TRecord>();
        while (true)
        {
            FetchedPage<TRecord>? page = null;
            ExceptionDispatchInfo? walkFailure = null;
            try
            {
                if (await pages.WaitToReadAsync(cancellationToken))
                {
                    pages.TryRead(out page);
                }
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                walkFailure = ExceptionDispatchInfo.Capture(failure);
            }

            if (page is null)
            {
                // A finished slice is deleted by its last write, even one with nothing left to store.
                var walked = walkFailure is null;
                if (batch.Pages > 0 || (walked && stretch.Slice is not null))
                {
                    await WriteAsync(feed, tenant.TenantId, run, stretch, batch, walked, timeZone, cancellationToken);
                }

                walkFailure?.Throw();
                return;
            }

            if (page.Shop is { } shop)
            {
                timeZone = shop.IanaTimezone;
                await tenant.ShopDetailsSeen(shop);
            }

            batch.Add(page);
            if (batch.Records.Count >= options.Value.WriteBatchSize)
            {
                await WriteAsync(feed, tenant.TenantId, run, stretch, batch, walked: false, timeZone, cancellationToken);
                batch = new Batch<TRecord>();
            }
        }
    }

    private async Task WriteAsync<TRecord>(
        IResourceFeed<TRecord> feed, Guid tenantId, PlannedRun run, Stretch stretch, Batch<TRecord> batch, bool walked, string timeZone,
        CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartWrite(feed.Resource, batch.Pages, batch.Records.Count);
        var written = await transactions.RunAsync(tenantId, async transaction =>
        {
            var result = batch.Records.Count > 0
                ? await feed.IngestAsync(transaction, batch.Records, timeZone, cancellationToken)
                : new IngestResult(0, 0);
            if (batch.MaxUpdatedAt is { } maxUpdatedAt)
            {
                await CheckpointStore.AdvanceAsync(transaction, feed.Resource, maxUpdatedAt, cancellationToken);
            }

            if (stretch.Slice is { } slice)
            {
                await BackfillStore.AdvanceAsync(transaction, slice, batch.MaxUpdatedAt, walked, cancellationToken);
            }

            await SyncRunStore.RecordProgressAsync(
                transaction, run.RunId, new RunProgress(batch.Pages, batch.Records.Count, result.Applied, batch.Usage, batch.Skipped), cancellationToken);
            return result.Applied;
        }, cancellationToken);
        telemetry.BatchWritten(feed.Resource, batch.Pages, written, batch.Usage);
    }

    /// <summary>A walk's stretch of updatedAt, [<see cref="From"/>, <see cref="Until"/>), and the slice it advances, if any.</summary>
    private sealed record Stretch(DateTimeOffset? From, DateTimeOffset? Until, BackfillSlice? Slice);

    /// <summary>Consecutive pages of the walk, written together.</summary>
    private sealed class Batch<TRecord>
    {
        public List<TRecord> Records { get; } = [];

        public int Pages { get; private set; }

        public DateTimeOffset? MaxUpdatedAt { get; private set; }

        public ShopifyUsage Usage { get; private set; }

        public int Skipped { get; private set; }

        public void Add(FetchedPage<TRecord> page)
        {
            Records.AddRange(page.Records);
            Pages++;
            Usage += page.Usage;
            Skipped += page.Skipped;
            if (page.MaxUpdatedAt is { } updatedAt && (MaxUpdatedAt is null || updatedAt > MaxUpdatedAt))
            {
                MaxUpdatedAt = updatedAt;
            }
        }
    }
}
