using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Backfill;

/// <summary>The slices of first syncs still being walked, and their progress, moved in the transaction of each write.</summary>
internal sealed class BackfillStore(TenantTransactions transactions)
{
    private const string Table = $"{SyncDbContext.Schema}.backfill_slices";

    /// <summary>The resource's open slices, in no particular order: the engine decides which to walk first.</summary>
    public Task<List<BackfillSlice>> OpenAsync(Guid tenantId, SyncResource resource, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand(
                $"SELECT starts_at, ends_at, cursor FROM {Table} WHERE tenant_id = @tenant_id AND resource = @resource");
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", resource.Name);
            var slices = new List<BackfillSlice>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                slices.Add(new BackfillSlice
                {
                    TenantId = tenantId,
                    Resource = resource.Name,
                    StartsAt = reader.GetFieldValue<DateTimeOffset>(0),
                    EndsAt = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                    Cursor = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                });
            }

            return slices;
        }, cancellationToken);

    /// <summary>Stores the planned slices and counts the probe that planned them as one page of the run, together.</summary>
    public Task<List<BackfillSlice>> StartAsync(
        Guid tenantId, PlannedRun run, IReadOnlyList<PlannedSlice> planned, ShopifyUsage probeUsage, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                INSERT INTO {Table} (tenant_id, resource, starts_at, ends_at)
                SELECT @tenant_id, @resource, s.starts_at, s.ends_at FROM unnest(@starts_at, @ends_at) AS s(starts_at, ends_at)
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", run.Resource.Name);
            command.Parameters.AddArray("starts_at", NpgsqlDbType.TimestampTz, planned.Select(s => s.StartsAt));
            command.Parameters.AddArray("ends_at", NpgsqlDbType.TimestampTz, planned.Select(s => s.EndsAt));
            await command.ExecuteNonQueryAsync(cancellationToken);
            await SyncRunStore.RecordProgressAsync(transaction, run.RunId, new RunProgress(1, 0, 0, probeUsage), cancellationToken);
            return planned.Select(s => new BackfillSlice { TenantId = tenantId, Resource = run.Resource.Name, StartsAt = s.StartsAt, EndsAt = s.EndsAt }).ToList();
        }, cancellationToken);

    /// <summary>Moves the slice's cursor forward; the write that ends the slice's walk deletes it instead.</summary>
    public static async Task AdvanceAsync(
        IngestTransaction transaction, BackfillSlice slice, DateTimeOffset? cursor, bool walked, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(walked
            ? $"DELETE FROM {Table} WHERE tenant_id = @tenant_id AND resource = @resource AND starts_at = @starts_at"
            : $"""
              UPDATE {Table} SET cursor = GREATEST(cursor, @cursor)
              WHERE tenant_id = @tenant_id AND resource = @resource AND starts_at = @starts_at
              """);
        command.Parameters.AddWithValue("tenant_id", transaction.TenantId);
        command.Parameters.AddWithValue("resource", slice.Resource);
        command.Parameters.AddWithValue("starts_at", slice.StartsAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("cursor", NpgsqlDbType.TimestampTz) { TypedValue = cursor?.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
