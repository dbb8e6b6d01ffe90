using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Pipeline.Walk;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>
/// Walks a resource's whole history through a Shopify bulk export: waits for the export (<see cref="BulkExporter"/>),
/// stages its result (<see cref="BulkStaging"/>), and hands its records to the writer a write's worth at a time, from
/// the line after the last one ingested. A stopped walk resumes the same way: the same export is polled again (an
/// export Shopify finished stays available for 7 days), its file staged again, and the ingest goes on where its last
/// write ended. Unlike the paged walker it reads from the database, where the staged file is.
/// </summary>
internal sealed class BulkWalker(BulkExporter exporter, BulkStaging staging, BulkExportStore exports, IOptions<SyncOptions> options) : IWalker
{
    public async Task WalkAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, Stretch stretch, ChannelWriter<FetchedPage<TRecord>> pages,
        CancellationToken cancellationToken)
    {
        try
        {
            var export = stretch.Bulk ?? throw new InvalidOperationException("A bulk walk needs the export it walks.");
            var (finished, staged) = await ExportAndStageAsync(feed, tenant, run, export, cancellationToken);
            await using (staged)
            {
                await exports.RecordStagedAsync(export, finished.CreatedAt, staged.Lines, cancellationToken);
                using var activity = SyncTelemetry.StartBulkStage("ingest", feed.Resource);
                var shop = finished.Shop;
                var after = export.IngestedThrough;
                // A batch is read only once the writer has room for it: one waiting in the channel is enough to keep the
                // writes going, and one more read ahead would only hold more of the file in memory.
                while (await pages.WaitToWriteAsync(cancellationToken)
                       && await staged.ReadAsync(after, options.Value.BulkWriteBatchSize, cancellationToken) is { Count: > 0 } objects)
                {
                    after = objects[^1].Line;

                    // The shop's time zone comes with the first records: it decides which day an order counts on.
                    await pages.WriteAsync(feed.FromExport(objects) with { Shop = shop, ExportPosition = after }, cancellationToken);
                    shop = null;
                }
            }

            pages.Complete();
        }
        catch (Exception failure)
        {
            pages.Complete(failure);
        }
    }

    private async Task<(FinishedExport Finished, StagedExport Staged)> ExportAndStageAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, BulkExport export, CancellationToken cancellationToken)
    {
        while (true)
        {
            var finished = await exporter.ExportAsync(feed.BulkQuery, tenant.Shop, feed.Resource, new StoredExportProgress(exports, export, run), cancellationToken);
            try
            {
                return (finished, await staging.StageAsync(feed.Resource, finished.Url, cancellationToken));
            }
            catch (BulkResultExpiredException)
            {
                await exports.RestartAsync(export, cancellationToken);
            }
        }
    }
}

/// <summary>A first sync's export: each answer is stored with the export and shown on the run.</summary>
internal sealed class StoredExportProgress(BulkExportStore exports, BulkExport export, PlannedRun run) : IBulkExportProgress
{
    public string? OperationId => export.OperationId;

    public long ObjectCount => export.ObjectCount;

    public Task RecordAsync(BulkOperationNode? operation, ShopifyUsage usage, CancellationToken cancellationToken) =>
        exports.RecordOperationAsync(export, run, operation, usage, cancellationToken);

    public Task RestartAsync(CancellationToken cancellationToken) => exports.RestartAsync(export, cancellationToken);
}
