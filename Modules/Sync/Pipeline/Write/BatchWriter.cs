using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Backfill;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline.Write;

/// <summary>
/// The write stage, and the only place a sync writes records. Pages are written as they come, in batches of at least
/// <see cref="SyncOptions.WriteBatchSize"/> records (<see cref="SyncOptions.BulkWriteBatchSize"/> from an export); each
/// batch is one transaction in which the records (through the resource's ingest contract), the cursor, the slice's
/// progress and the run's counters commit together: the cursor never passes a record that is not stored, and a run
/// stopped anywhere resumes from its last write. The writer never calls Shopify.
/// <para>
/// Writes from an export overlap by one: the next write starts (its records encoded and sent) while PostgreSQL still
/// executes the one before, which keeps both cores busy. They still commit in order: the ingest contract's tenant lock
/// holds the next write until the previous one commits, and the export's progress only moves on from where the
/// previous write left it, so a write that overtook its predecessor, or followed one that failed, rolls back (and in the
/// first case is written again after it).
/// </para>
/// </summary>
internal sealed class BatchWriter(TenantTransactions transactions, SyncTelemetry telemetry, IOptions<SyncOptions> options)
{
    /// <summary>Writes a walk's pages until it completes; when the walk fails, what it fetched before failing is written first.</summary>
    public async Task WriteAllAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, ChannelReader<FetchedPage<TRecord>> pages,
        CancellationToken cancellationToken)
    {
        var timeZone = tenant.KnownTimeZone ?? "UTC";
        var batchSize = stretch.Bulk is null ? options.Value.WriteBatchSize : options.Value.BulkWriteBatchSize;
        var batch = new Batch<TRecord>();
        var exportWrites = stretch.Bulk is { } export ? new ExportWrites(export) : null;

        // A write from an export is started and may still run when this returns; any other is done.
        Task SubmitAsync(Batch<TRecord> full, bool walked, string shopTimeZone) => exportWrites is null
            ? WriteAsync(feed, tenant.TenantId, run, stretch, full, walked, shopTimeZone, exportFrom: 0, begun: null, cancellationToken)
            : exportWrites.StartAsync(full.ExportPosition, hasRecords: full.Records.Count > 0, (from, begun) =>
                WriteAsync(feed, tenant.TenantId, run, stretch, full, walked, shopTimeZone, from, begun, cancellationToken));

        try
        {
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
                    // A finished slice (or export) is ended by its last write, even one with nothing left to store.
                    var walked = walkFailure is null;
                    if (!batch.IsEmpty || (walked && (stretch.Slice is not null || stretch.Bulk is not null)))
                    {
                        await SubmitAsync(batch, walked, timeZone);
                    }

                    if (exportWrites is not null)
                    {
                        await exportWrites.DrainAsync();
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
                if (batch.Records.Count >= batchSize)
                {
                    await SubmitAsync(batch, walked: false, timeZone);
                    batch = new Batch<TRecord>();
                }
            }
        }
        finally
        {
            // Stopped (cancelled, or a write failed): a write still running ends before the walk is said to have ended.
            if (exportWrites is not null)
            {
                await exportWrites.AbandonAsync();
            }
        }
    }

    private async Task WriteAsync<TRecord>(
        IResourceFeed<TRecord> feed, Guid tenantId, PlannedRun run, Stretch stretch, Batch<TRecord> batch, bool walked, string timeZone,
        long exportFrom, TaskCompletionSource? begun, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartWrite(feed.Resource, batch.Pages, batch.Records.Count);
        var written = await transactions.RunAsync(tenantId, async transaction =>
        {
            if (stretch.Bulk is not null)
            {
                await CommitWithoutWaitingForDiskAsync(transaction, cancellationToken);
            }

            begun?.TrySetResult();
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

            if (stretch.Bulk is { } export)
            {
                await BulkExportStore.AdvanceAsync(transaction, feed.Resource, export, exportFrom, batch.ExportPosition, walked, cancellationToken);
            }

            await SyncRunStore.RecordProgressAsync(
                transaction, run.RunId, new RunProgress(batch.Pages, batch.Records.Count, result.Applied, batch.Usage, batch.Skipped), cancellationToken);
            return result.Applied;
        }, cancellationToken);
        telemetry.BatchWritten(feed.Resource, batch.Pages, written, batch.Usage);
    }

    /// <summary>
    /// Has this transaction's commit return before its WAL reaches the disk (a batch of thousands of records flushes
    /// megabytes, tens of milliseconds in which the ingest would otherwise stand still). Only a crash of PostgreSQL
    /// itself can lose such a commit, and then whole: the export position commits with the records, so the resumed
    /// ingest simply writes those batches again from the staged file. Never for paged writes, whose records came from
    /// requests that cost API points.
    /// </summary>
    private static async Task CommitWithoutWaitingForDiskAsync(IngestTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand("SET LOCAL synchronous_commit = off");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Consecutive pages of the walk, written together.</summary>
    private sealed class Batch<TRecord>
    {
        public List<TRecord> Records { get; } = [];

        public int Pages { get; private set; }

        public DateTimeOffset? MaxUpdatedAt { get; private set; }

        public ShopifyUsage Usage { get; private set; }

        public int Skipped { get; private set; }

        /// <summary>The line of the export's result its last record came from, for a batch read from an export.</summary>
        public long? ExportPosition { get; private set; }

        public bool IsEmpty { get; private set; } = true;

        public void Add(FetchedPage<TRecord> page)
        {
            Records.AddRange(page.Records);
            IsEmpty = false;

            // The run's pages are what it fetched from Shopify; records read from an export's file are not.
            if (page.ExportPosition is null)
            {
                Pages++;
            }

            ExportPosition = page.ExportPosition ?? ExportPosition;
            Usage += page.Usage;
            Skipped += page.Skipped;
            if (page.MaxUpdatedAt is { } updatedAt && (MaxUpdatedAt is null || updatedAt > MaxUpdatedAt))
            {
                MaxUpdatedAt = updatedAt;
            }
        }
    }
}
