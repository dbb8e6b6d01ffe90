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

/// <summary>How a run fetched: paged or bulk, and what it showed of its bulk export.</summary>
internal sealed record RunModeRow(string Resource, string Status, string Mode, string? BulkOperationId, string? BulkStatus, long? BulkObjectCount,
    long? BulkRootObjectCount, long? ExpectedRecords, string? Notice, long RecordsFetched, string? Error);

/// <summary>A bulk export still open: its operation, its status and how far its ingest came.</summary>
internal sealed record ExportRow(string Resource, string? OperationId, string Status, long? StagedLines, long IngestedThrough);

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

    public static async Task<List<RunModeRow>> RunModesAsync(AppHostFixture fixture, Guid tenantId) =>
        await QueryAsync(fixture, tenantId, """
            SELECT resource, status, mode, bulk_operation_id, bulk_status, bulk_object_count, bulk_root_object_count, expected_records, notice,
                   records_fetched, error
            FROM sync.runs ORDER BY requested_at, id
            """,
            reader => new RunModeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4),
                Long(reader, 5), Long(reader, 6), Long(reader, 7), Text(reader, 8), reader.GetInt64(9), Text(reader, 10)));

    public static async Task<List<ExportRow>> OpenExportsAsync(AppHostFixture fixture, Guid tenantId) =>
        await QueryAsync(fixture, tenantId, "SELECT resource, operation_id, status, staged_lines, ingested_through FROM sync.bulk_exports ORDER BY resource",
            reader => new ExportRow(reader.GetString(0), Text(reader, 1), reader.GetString(2), Long(reader, 3), reader.GetInt64(4)));

    /// <summary>The tenant's <paramref name="resources"/> (all when none are named) equal the shop's: the same ids, each at the same updatedAt.</summary>
    public static async Task AssertMatchesShopAsync(AppHostFixture fixture, SyncTestTenant tenant, params string[] resources)
    {
        foreach (var resource in resources.Length == 0 ? SimulatedShop.Resources : resources)
        {
            var inShop = await tenant.Shop.RecordsAsync(resource);
            var inDatabase = await RecordsAsync(fixture, tenant.Id, resource);
            Assert.True(inShop.Count == inDatabase.Count, $"{resource}: the shop has {inShop.Count}, the database {inDatabase.Count}");
            Assert.True(Checksum(inShop) == Checksum(inDatabase), $"{resource}: the stored ids or updatedAt differ from the shop's");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most three minutes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>A digest of ids and updatedAt, so a mismatch says "different" without printing thousands of records.</summary>
    private static string Checksum(IEnumerable<RecordVersion> records) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join(',', records.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.UpdatedAt.ToUnixTimeSeconds()}")))));

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static long? Long(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

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
