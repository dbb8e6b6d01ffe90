using Npgsql;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Runs;

/// <summary>A run planned for a resource: its id is known before it starts, so a trigger can answer with it.</summary>
internal sealed record PlannedRun(Guid RunId, SyncResource Resource);

/// <summary>What one write (one or more pages) added to its run; recorded in the write's transaction.</summary>
internal readonly record struct RunProgress(int Pages, int RecordsFetched, int RecordsUpserted, ShopifyUsage Usage, int RecordsSkipped = 0);

/// <summary>The run history, written with plain SQL in short tenant-bound transactions.</summary>
internal sealed class SyncRunStore(TenantTransactions transactions, TimeProvider time)
{
    private const string Table = $"{SyncDbContext.Schema}.runs";

    /// <summary>Records runs asked for but not started yet (a manual trigger), so they can be listed at once.</summary>
    public Task RecordRequestedAsync(Guid tenantId, IReadOnlyList<PlannedRun> runs, string trigger, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                INSERT INTO {Table} (tenant_id, id, resource, trigger, status, requested_at, pages, records_fetched, records_upserted,
                                     api_points, throttle_wait_ms, throttled_responses, retries)
                SELECT @tenant_id, r.id, r.resource, @trigger, '{RunStatus.Running}', @now, 0, 0, 0, 0, 0, 0, 0
                FROM unnest(@ids, @resources) AS r(id, resource)
                ON CONFLICT (tenant_id, id) DO NOTHING
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("trigger", trigger);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("ids", runs.Select(r => r.RunId).ToArray());
            command.Parameters.AddWithValue("resources", runs.Select(r => r.Resource.Name).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Marks the run started (creating it when the trigger did not), and fails the tenant's other runs that claim to be
    /// running: the caller holds the tenant's lock, so whatever ran them has stopped.
    /// </summary>
    public Task StartAsync(Guid tenantId, PlannedRun run, string trigger, IReadOnlyCollection<Guid> currentRuns, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                UPDATE {Table} SET status = '{RunStatus.Failed}', finished_at = @now,
                    error = 'The run was interrupted (its process stopped); a later run resumed from the checkpoint.'
                WHERE tenant_id = @tenant_id AND status = '{RunStatus.Running}' AND started_at IS NOT NULL AND NOT (id = ANY(@current));

                INSERT INTO {Table} AS r (tenant_id, id, resource, trigger, status, requested_at, started_at, pages, records_fetched,
                                          records_upserted, api_points, throttle_wait_ms, throttled_responses, retries)
                VALUES (@tenant_id, @id, @resource, @trigger, '{RunStatus.Running}', @now, @now, 0, 0, 0, 0, 0, 0, 0)
                ON CONFLICT (tenant_id, id) DO UPDATE SET status = '{RunStatus.Running}', started_at = @now, finished_at = NULL, error = NULL
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("id", run.RunId);
            command.Parameters.AddWithValue("resource", run.Resource.Name);
            command.Parameters.AddWithValue("trigger", trigger);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("current", currentRuns.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public static async Task RecordProgressAsync(IngestTransaction transaction, Guid runId, RunProgress page, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"""
            UPDATE {Table} SET pages = pages + @pages, records_fetched = records_fetched + @fetched, records_upserted = records_upserted + @upserted,
                records_skipped = records_skipped + @skipped,
                api_points = api_points + @points, throttle_wait_ms = throttle_wait_ms + @wait_ms,
                throttled_responses = throttled_responses + @throttled, retries = retries + @retries
            WHERE tenant_id = @tenant_id AND id = @id
            """);
        AddUsage(command, transaction.TenantId, runId, page.Usage);
        command.Parameters.AddWithValue("pages", page.Pages);
        command.Parameters.AddWithValue("fetched", (long)page.RecordsFetched);
        command.Parameters.AddWithValue("upserted", (long)page.RecordsUpserted);
        command.Parameters.AddWithValue("skipped", (long)page.RecordsSkipped);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A request made for the run that wrote nothing (a check before the pages), counted as one page of it.</summary>
    public Task RecordRequestAsync(Guid tenantId, Guid runId, ShopifyUsage usage, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, transaction => RecordProgressAsync(transaction, runId, new RunProgress(1, 0, 0, usage), cancellationToken), cancellationToken);

    /// <summary>
    /// Ends the run: succeeded without an <paramref name="error"/>, failed with one. What the request it failed of spent
    /// before being given up (no write carried it) is counted with it.
    /// </summary>
    public Task FinishAsync(Guid tenantId, Guid runId, string? error, ShopifyUsage spentByFailure, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            if (spentByFailure.Requests > 0)
            {
                await RecordProgressAsync(transaction, runId, new RunProgress(0, 0, 0, spentByFailure), cancellationToken);
            }

            await using var command = transaction.CreateCommand(
                $"UPDATE {Table} SET status = @status, finished_at = @now, error = @error WHERE tenant_id = @tenant_id AND id = @id");
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("id", runId);
            command.Parameters.AddWithValue("status", error is null ? RunStatus.Succeeded : RunStatus.Failed);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.Add(new NpgsqlParameter<string?>("error", error is { Length: > 2000 } ? error[..2000] : error) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static void AddUsage(NpgsqlCommand command, Guid tenantId, Guid runId, ShopifyUsage usage)
    {
        command.Parameters.AddWithValue("tenant_id", tenantId);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("points", usage.PointsSpent);
        command.Parameters.AddWithValue("wait_ms", (long)usage.ThrottleWait.TotalMilliseconds);
        command.Parameters.AddWithValue("throttled", usage.ThrottledResponses);
        command.Parameters.AddWithValue("retries", usage.TransientRetries);
    }
}
