using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sync.Data;

/// <summary>
/// All that Sync keeps of a shop, gone in one statement, as a shop's redaction requires: its run history, checkpoints
/// (of updates and of deletion events), backfill slices, bulk exports, webhook deliveries and its place in the schedule
/// (which the schedule gives back should the shop become syncable again).
/// </summary>
internal sealed class SyncDataEraser : IShopDataEraser
{
    private const string EraseSql = """
        WITH runs AS (DELETE FROM sync.runs WHERE tenant_id = @tenant_id RETURNING 1),
             checkpoints AS (DELETE FROM sync.checkpoints WHERE tenant_id = @tenant_id RETURNING 1),
             slices AS (DELETE FROM sync.backfill_slices WHERE tenant_id = @tenant_id RETURNING 1),
             exports AS (DELETE FROM sync.bulk_exports WHERE tenant_id = @tenant_id RETURNING 1),
             deliveries AS (DELETE FROM sync.webhook_inbox WHERE tenant_id = @tenant_id RETURNING 1),
             deletion_checkpoints AS (DELETE FROM sync.deletion_checkpoints WHERE tenant_id = @tenant_id RETURNING 1),
             schedule AS (DELETE FROM sync.shop_schedules WHERE tenant_id = @tenant_id RETURNING 1)
        SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM checkpoints) + (SELECT count(*) FROM slices)
             + (SELECT count(*) FROM exports) + (SELECT count(*) FROM deliveries) + (SELECT count(*) FROM deletion_checkpoints)
             + (SELECT count(*) FROM schedule)
        """;

    public async Task<long> EraseAsync(IngestTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(EraseSql));
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }
}
