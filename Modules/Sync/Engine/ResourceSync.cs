using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Engine;

/// <summary>What a resource run needs to know about the tenant it works for.</summary>
internal sealed record TenantRunContext(Guid TenantId, ShopAccess Shop, string? KnownTimeZone, Func<ShopDetails, Task> ShopDetailsSeen);

/// <summary>
/// One incremental run of one resource: from the stored cursor minus the overlap, in updatedAt order, page by page.
/// Pages are fetched ahead while earlier ones are written. Each write upserts at least
/// <see cref="SyncOptions.WriteBatchSize"/> records (as many Shopify pages as that takes), advances the cursor to the
/// greatest updatedAt among them and counts the run's progress, in one transaction: the cursor never passes a record
/// that is not stored, and a run stopped anywhere resumes from its last write.
/// </summary>
internal sealed class ResourceSync(CheckpointStore checkpoints, TenantTransactions transactions, SyncTelemetry telemetry, IOptions<SyncOptions> options)
{
    public async Task RunAsync<TRecord>(IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, CancellationToken cancellationToken)
    {
        var cursor = await checkpoints.ReadAsync(tenant.TenantId, feed.Resource, cancellationToken);
        var searchQuery = cursor is { } since ? SearchSince(since - options.Value.Overlap) : null;
        var first = feed.PageSize(options.Value.PageSize);

        // Room for two writes' worth of pages: the walk never waits for a write unless it is that far ahead.
        var pagesPerWrite = (options.Value.WriteBatchSize + first - 1) / first;
        var pages = Channel.CreateBounded<FetchedPage<TRecord>>(new BoundedChannelOptions(2 * pagesPerWrite) { SingleReader = true, SingleWriter = true });
        using var stopWalking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walking = WalkAsync(feed, tenant.Shop, first, searchQuery, pages.Writer, stopWalking.Token);
        try
        {
            await WriteAllAsync(feed, tenant, run, pages.Reader, cancellationToken);
        }
        finally
        {
            await stopWalking.CancelAsync();
            await walking;
        }
    }

    /// <summary>Shopify's search syntax, in UTC whole seconds rounded down so the boundary record is included.</summary>
    internal static string SearchSince(DateTimeOffset since)
    {
        var utc = since.ToUniversalTime();
        var floored = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return string.Create(CultureInfo.InvariantCulture, $"updated_at:>='{floored:yyyy-MM-dd'T'HH:mm:ss'Z'}'");
    }

    /// <summary>Fetches page after page into <paramref name="pages"/>; a failure travels down the channel to the writer.</summary>
    private static async Task WalkAsync<TRecord>(
        IResourceFeed<TRecord> feed, ShopAccess shop, int first, string? searchQuery, ChannelWriter<FetchedPage<TRecord>> pages, CancellationToken cancellationToken)
    {
        try
        {
            string? after = null;
            for (var number = 1; ; number++)
            {
                FetchedPage<TRecord> page;
                using (var activity = SyncTelemetry.StartPage(feed.Resource, number))
                {
                    page = await feed.FetchAsync(shop, new PageRequest(first, after, searchQuery, WithShop: number == 1), cancellationToken);
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
    /// fails, what it fetched before failing is written first, so the checkpoint keeps every page that arrived, and the
    /// run's counters include what the failed request spent.
    /// </summary>
    private async Task WriteAllAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, ChannelReader<FetchedPage<TRecord>> pages, CancellationToken cancellationToken)
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
                if (walkFailure?.SourceException is ShopifyException failed)
                {
                    batch.Spent(failed.Usage);
                }

                if (batch.Pages > 0 || batch.Usage.Requests > 0)
                {
                    await WriteAsync(feed, tenant.TenantId, run, batch, timeZone, cancellationToken);
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
                await WriteAsync(feed, tenant.TenantId, run, batch, timeZone, cancellationToken);
                batch = new Batch<TRecord>();
            }
        }
    }

    private async Task WriteAsync<TRecord>(
        IResourceFeed<TRecord> feed, Guid tenantId, PlannedRun run, Batch<TRecord> batch, string timeZone, CancellationToken cancellationToken)
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

            await SyncRunStore.RecordProgressAsync(transaction, run.RunId, new RunProgress(batch.Pages, batch.Records.Count, result.Applied, batch.Usage), cancellationToken);
            return result.Applied;
        }, cancellationToken);
        telemetry.BatchWritten(feed.Resource, batch.Pages, written, batch.Usage);
    }

    /// <summary>Consecutive pages of the walk, written together.</summary>
    private sealed class Batch<TRecord>
    {
        public List<TRecord> Records { get; } = [];

        public int Pages { get; private set; }

        public DateTimeOffset? MaxUpdatedAt { get; private set; }

        public ShopifyUsage Usage { get; private set; }

        public void Spent(ShopifyUsage usage) => Usage += usage;

        public void Add(FetchedPage<TRecord> page)
        {
            Records.AddRange(page.Records);
            Pages++;
            Usage += page.Usage;
            if (page.MaxUpdatedAt is { } updatedAt && (MaxUpdatedAt is null || updatedAt > MaxUpdatedAt))
            {
                MaxUpdatedAt = updatedAt;
            }
        }
    }
}
