using System.Globalization;
using System.Text;
using Npgsql;
using ShopIngest.Modules.Shared.Listing;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Engine;

namespace ShopIngest.Modules.Sync.Runs;

/// <summary>Where one resource of a tenant stands: its cursor and its latest run.</summary>
internal sealed record SyncResourceStatus(string Resource, DateTimeOffset? Cursor, SyncRun? LastRun);

/// <summary>Reads the run history and checkpoints of one tenant (row-level security and an explicit filter both apply).</summary>
internal sealed class SyncRunQueries(TenantTransactions transactions)
{
    private const string Columns = """
        r.tenant_id, r.id, r.resource, r.trigger, r.status, r.requested_at, r.started_at, r.finished_at, r.pages, r.records_fetched,
        r.records_upserted, r.api_points, r.throttle_wait_ms, r.throttled_responses, r.retries, r.error, r.records_skipped
        """;

    /// <summary>Keyset paging on (requested_at, id), so a page never shifts when new runs arrive.</summary>
    public Task<Connection<SyncRun>> ListAsync(Guid tenantId, int first, string? after, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            var position = after is null ? null : DecodeCursor(after);
            await using var command = new NpgsqlCommand($"""
                SELECT {Columns} FROM {SyncDbContext.Schema}.runs r
                WHERE r.tenant_id = @tenant_id AND (@after_at IS NULL OR (r.requested_at, r.id) < (@after_at, @after_id))
                ORDER BY r.requested_at DESC, r.id DESC
                LIMIT @limit
                """, transaction.Connection, transaction.Transaction);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("after_at", position?.RequestedAt) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<Guid?>("after_id", position?.Id) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.AddWithValue("limit", first + 1);
            var runs = await ReadRunsAsync(command, cancellationToken);
            await using var count = new NpgsqlCommand(
                $"SELECT count(*) FROM {SyncDbContext.Schema}.runs WHERE tenant_id = @tenant_id", transaction.Connection, transaction.Transaction);
            count.Parameters.AddWithValue("tenant_id", tenantId);
            var total = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
            return new Connection<SyncRun>([.. runs.Take(first).Select(run => new Edge<SyncRun>(run, EncodeCursor(run)))], runs.Count > first, total);
        }, cancellationToken);

    public Task<IReadOnlyList<SyncRun>> GetAsync(Guid tenantId, IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        transactions.RunAsync<IReadOnlyList<SyncRun>>(tenantId, async transaction =>
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {Columns} FROM {SyncDbContext.Schema}.runs r WHERE r.tenant_id = @tenant_id AND r.id = ANY(@ids)",
                transaction.Connection, transaction.Transaction);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            var runs = await ReadRunsAsync(command, cancellationToken);
            return [.. ids.Select(id => runs.FirstOrDefault(r => r.Id == id)).OfType<SyncRun>()];
        }, cancellationToken);

    public Task<IReadOnlyList<SyncResourceStatus>> StatusAsync(Guid tenantId, CancellationToken cancellationToken) =>
        transactions.RunAsync<IReadOnlyList<SyncResourceStatus>>(tenantId, async transaction =>
        {
            await using var command = new NpgsqlCommand($"""
                SELECT k.resource, c.cursor, {Columns}
                FROM unnest(@resources) WITH ORDINALITY AS k(resource, position)
                LEFT JOIN {SyncDbContext.Schema}.checkpoints c ON c.tenant_id = @tenant_id AND c.resource = k.resource
                LEFT JOIN LATERAL (
                    SELECT * FROM {SyncDbContext.Schema}.runs x WHERE x.tenant_id = @tenant_id AND x.resource = k.resource
                    ORDER BY x.requested_at DESC, x.id DESC LIMIT 1) r ON true
                ORDER BY k.position
                """, transaction.Connection, transaction.Transaction);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resources", SyncResources.All.Select(r => r.Name()).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var statuses = new List<SyncResourceStatus>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var cursor = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
                statuses.Add(new SyncResourceStatus(reader.GetString(0), cursor, reader.IsDBNull(3) ? null : ReadRun(reader, offset: 2)));
            }

            return statuses;
        }, cancellationToken);

    public static string EncodeCursor(SyncRun run) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{run.RequestedAt.UtcTicks}:{run.Id:N}")));

    /// <summary>The position a cursor names, or null when it is not one of ours.</summary>
    public static (DateTimeOffset RequestedAt, Guid Id)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<List<SyncRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<SyncRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadRun(reader, offset: 0));
        }

        return runs;
    }

    private static SyncRun ReadRun(NpgsqlDataReader reader, int offset) => new()
    {
        TenantId = reader.GetGuid(offset),
        Id = reader.GetGuid(offset + 1),
        Resource = reader.GetString(offset + 2),
        Trigger = reader.GetString(offset + 3),
        Status = reader.GetString(offset + 4),
        RequestedAt = reader.GetFieldValue<DateTimeOffset>(offset + 5),
        StartedAt = reader.IsDBNull(offset + 6) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 6),
        FinishedAt = reader.IsDBNull(offset + 7) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 7),
        Pages = reader.GetInt32(offset + 8),
        RecordsFetched = reader.GetInt64(offset + 9),
        RecordsUpserted = reader.GetInt64(offset + 10),
        ApiPoints = reader.GetInt64(offset + 11),
        ThrottleWaitMs = reader.GetInt64(offset + 12),
        ThrottledResponses = reader.GetInt32(offset + 13),
        Retries = reader.GetInt32(offset + 14),
        Error = reader.IsDBNull(offset + 15) ? null : reader.GetString(offset + 15),
        RecordsSkipped = reader.GetInt64(offset + 16),
    };
}
