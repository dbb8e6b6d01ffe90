using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.Modules.Sync.Checkpoints;

/// <summary>
/// Reads a resource's cursor, and moves it forward inside the transaction that wrote the page it covers, so the
/// cursor never claims a record the database does not hold.
/// </summary>
internal sealed class CheckpointStore(TenantTransactions transactions)
{
    public Task<DateTimeOffset?> ReadAsync(Guid tenantId, SyncResource resource, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand(
                $"SELECT cursor FROM {SyncDbContext.Schema}.checkpoints WHERE tenant_id = @tenant_id AND resource = @resource");
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", resource.Name);
            return await command.ExecuteScalarAsync(cancellationToken) is DateTime cursor ? new DateTimeOffset(cursor, TimeSpan.Zero) : (DateTimeOffset?)null;
        }, cancellationToken);

    /// <summary>
    /// Whether any of <paramref name="resources"/> is still in its first sync: no cursor yet, or backfill slices or a
    /// bulk export still open. Such a sync may run for hours, and takes only the slots first syncs may hold.
    /// </summary>
    public Task<bool> FirstSyncPendingAsync(Guid tenantId, IEnumerable<SyncResource> resources, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                SELECT EXISTS (
                    SELECT 1 FROM unnest(@resources) AS r(name)
                    WHERE NOT EXISTS (SELECT 1 FROM {SyncDbContext.Schema}.checkpoints c
                                      WHERE c.tenant_id = @tenant_id AND c.resource = r.name AND c.cursor IS NOT NULL)
                       OR EXISTS (SELECT 1 FROM {SyncDbContext.Schema}.backfill_slices s WHERE s.tenant_id = @tenant_id AND s.resource = r.name)
                       OR EXISTS (SELECT 1 FROM {SyncDbContext.Schema}.bulk_exports b WHERE b.tenant_id = @tenant_id AND b.resource = r.name))
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resources", resources.Select(resource => resource.Name).ToArray());
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        }, cancellationToken);

    /// <summary>Never moves the cursor back: a page of overlap re-read after a later one must not rewind it.</summary>
    public static Task AdvanceAsync(IngestTransaction transaction, SyncResource resource, DateTimeOffset cursor, CancellationToken cancellationToken) =>
        WriteAsync(transaction, resource, cursor, "GREATEST(c.cursor, EXCLUDED.cursor)", cancellationToken);

    /// <summary>Puts the cursor at <paramref name="cursor"/>, wherever it was: for the hand-over from a bulk export, whose records' own <c>updatedAt</c> say nothing of what changed while it ran.</summary>
    public static Task SetAsync(IngestTransaction transaction, SyncResource resource, DateTimeOffset cursor, CancellationToken cancellationToken) =>
        WriteAsync(transaction, resource, cursor, "EXCLUDED.cursor", cancellationToken);

    /// <summary>Inserts the resource's cursor, or sets a stored one (<c>c.cursor</c>) to <c>storedCursor</c>, given the new one (<c>EXCLUDED.cursor</c>).</summary>
    private static async Task WriteAsync(
        IngestTransaction transaction, SyncResource resource, DateTimeOffset cursor, string storedCursor, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"""
            INSERT INTO {SyncDbContext.Schema}.checkpoints AS c (tenant_id, resource, cursor, updated_at)
            VALUES (@tenant_id, @resource, @cursor, now())
            ON CONFLICT (tenant_id, resource) DO UPDATE SET cursor = {storedCursor}, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.AddWithValue("tenant_id", transaction.TenantId);
        command.Parameters.AddWithValue("resource", resource.Name);
        command.Parameters.AddWithValue("cursor", cursor.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
