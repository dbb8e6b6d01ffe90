using Aspire.Hosting.Testing;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>A sync run as the history table holds it.</summary>
internal sealed record RunRow(Guid Id, string Resource, string Trigger, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int Pages, long RecordsFetched, long RecordsUpserted, long ApiPoints, long ThrottleWaitMs, int ThrottledResponses, int Retries, string? Error,
    long RecordsSkipped);

internal sealed record SliceRow(DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? Cursor);

/// <summary>What a tenant's sync left in the database, read as the runtime role with the tenant set (row-level security applies).</summary>
internal static class SyncedData
{
    private static readonly Dictionary<string, string> Tables = new()
    {
        ["products"] = "catalog.products",
        ["customers"] = "sales.customers",
        ["orders"] = "sales.orders",
    };

    public static async Task<List<RecordVersion>> RecordsAsync(AppHostFixture fixture, Guid tenantId, string resource) =>
        await QueryAsync(fixture, tenantId, $"SELECT shopify_id, updated_at FROM {Tables[resource]} ORDER BY shopify_id",
            reader => new RecordVersion(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));

    public static async Task<List<RunRow>> RunsAsync(AppHostFixture fixture, Guid tenantId) =>
        await QueryAsync(fixture, tenantId, """
            SELECT id, resource, trigger, status, started_at, finished_at, pages, records_fetched, records_upserted, api_points,
                   throttle_wait_ms, throttled_responses, retries, error, records_skipped
            FROM sync.runs ORDER BY requested_at, id
            """,
            reader => new RunRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt32(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt32(11),
                reader.GetInt32(12), reader.IsDBNull(13) ? null : reader.GetString(13), reader.GetInt64(14)));

    public static async Task<DateTimeOffset?> CursorAsync(AppHostFixture fixture, Guid tenantId, string resource) =>
        (await QueryAsync(fixture, tenantId, $"SELECT cursor FROM sync.checkpoints WHERE resource = '{resource}'",
            reader => reader.GetFieldValue<DateTimeOffset>(0))) is [var cursor] ? cursor : null;

    /// <summary>The slices of a first sync still to walk: where each starts and ends, and how far it has come.</summary>
    public static async Task<List<SliceRow>> OpenSlicesAsync(AppHostFixture fixture, Guid tenantId, string resource) =>
        await QueryAsync(fixture, tenantId, $"SELECT starts_at, ends_at, cursor FROM sync.backfill_slices WHERE resource = '{resource}' ORDER BY starts_at",
            reader => new SliceRow(reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));

    private static async Task<List<T>> QueryAsync<T>(AppHostFixture fixture, Guid tenantId, string sql, Func<NpgsqlDataReader, T> read)
    {
        var runtime = RuntimeRole.ConnectionStringFor(await fixture.App.GetConnectionStringAsync(ModuleDatabase.ConnectionName)
            ?? throw new InvalidOperationException("No connection string for shopingest."));
        await using var connection = new NpgsqlConnection(runtime);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.SetTenantAsync(tenantId);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
