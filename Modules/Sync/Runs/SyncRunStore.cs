using Npgsql;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Runs;

/// <summary>A run planned for a resource: its id is known before it starts, so a trigger can answer with it.</summary>
internal sealed record PlannedRun(Guid RunId, SyncResource Resource);

/// <summary>A manual run as a request got it: new, or the one that was already waiting for the resource.</summary>
internal sealed record RequestedRun(PlannedRun Run, bool IsNew);

/// <summary>What one write (one or more pages) added to its run; recorded in the write's transaction.</summary>
internal readonly record struct RunProgress(int Pages, int RecordsFetched, int RecordsUpserted, ShopifyUsage Usage, int RecordsSkipped = 0, int RecordsDeleted = 0);

/// <summary>What a run came to, as it ended: for its span.</summary>
internal sealed record RunSummary(string Mode, long RecordsFetched, long RecordsUpserted, long ApiPoints);

/// <summary>The run history, written with plain SQL in short tenant-bound transactions.</summary>
internal sealed class SyncRunStore(TenantTransactions transactions, TimeProvider time)
{
    private const string Table = $"{SyncDbContext.Schema}.runs";

    /// <summary>A manual run asked for and not started yet; at most one per resource (a unique partial index).</summary>
    public const string WaitingManualRun = $"trigger = '{RunTrigger.Manual}' AND status = '{RunStatus.Running}' AND started_at IS NULL";

    /// <summary>
    /// Records manual runs asked for, so they can be listed at once, unless the resource already has one waiting to
    /// start: that one is returned instead (<see cref="RequestedRun.IsNew"/> false), so a merchant pressing "Sync now"
    /// again, or a client calling in a loop, never piles up runs. A unique index on the waiting manual run of each
    /// resource makes this hold across concurrent requests and replicas.
    /// </summary>
    public async Task<IReadOnlyList<RequestedRun>> RequestManualAsync(Guid tenantId, IReadOnlyList<PlannedRun> runs, CancellationToken cancellationToken)
    {
        // A request racing another for the same resource waits for it, then finds its run committed only after this
        // statement's snapshot was taken: asked again, the run is there.
        for (var attempt = 1; ; attempt++)
        {
            var requested = await TryRequestManualAsync(tenantId, runs, cancellationToken);
            if (requested.Count == runs.Count || attempt == 5)
            {
                return requested;
            }
        }
    }

    private Task<IReadOnlyList<RequestedRun>> TryRequestManualAsync(Guid tenantId, IReadOnlyList<PlannedRun> runs, CancellationToken cancellationToken) =>
        transactions.RunAsync<IReadOnlyList<RequestedRun>>(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                WITH inserted AS (
                    INSERT INTO {Table} (tenant_id, id, resource, trigger, status, requested_at, pages, records_fetched, records_upserted,
                                         api_points, throttle_wait_ms, throttled_responses, retries)
                    SELECT @tenant_id, r.id, r.resource, '{RunTrigger.Manual}', '{RunStatus.Running}', @now, 0, 0, 0, 0, 0, 0, 0
                    FROM unnest(@ids, @resources) AS r(id, resource)
                    ON CONFLICT (tenant_id, resource) WHERE {WaitingManualRun} DO NOTHING
                    RETURNING id, resource)
                SELECT id, resource, true FROM inserted
                UNION ALL
                SELECT id, resource, false FROM {Table}
                WHERE tenant_id = @tenant_id AND resource = ANY(@resources) AND {WaitingManualRun}
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("ids", runs.Select(r => r.RunId).ToArray());
            command.Parameters.AddWithValue("resources", runs.Select(r => r.Resource.Name).ToArray());
            var requested = new List<RequestedRun>(runs.Count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                requested.Add(new RequestedRun(new PlannedRun(reader.GetGuid(0), SyncResource.Parse(reader.GetString(1))!), reader.GetBoolean(2)));
            }

            return requested;
        }, cancellationToken);

    /// <summary>
    /// Marks the run started (creating it when the trigger did not), and fails the tenant's other runs that claim to be
    /// running: the caller holds the tenant's lock, so whatever ran them has stopped. <paramref name="node"/> is the
    /// replica that runs it (<c>SyncNode</c>), recorded again when another one resumes it.
    /// </summary>
    public Task StartAsync(
        Guid tenantId, PlannedRun run, string trigger, IReadOnlyCollection<Guid> currentRuns, string node, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                UPDATE {Table} SET status = '{RunStatus.Failed}', finished_at = @now,
                    error = 'The run was interrupted (its process stopped); a later run resumed from the checkpoint.'
                WHERE tenant_id = @tenant_id AND status = '{RunStatus.Running}' AND started_at IS NOT NULL AND NOT (id = ANY(@current));

                INSERT INTO {Table} AS r (tenant_id, id, resource, trigger, status, requested_at, started_at, node, pages, records_fetched,
                                          records_upserted, api_points, throttle_wait_ms, throttled_responses, retries)
                VALUES (@tenant_id, @id, @resource, @trigger, '{RunStatus.Running}', @now, @now, @node, 0, 0, 0, 0, 0, 0, 0)
                ON CONFLICT (tenant_id, id) DO UPDATE SET status = '{RunStatus.Running}', started_at = @now, node = @node, finished_at = NULL, error = NULL
                """);
            command.Parameters.AddWithValue("node", node);
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
                records_skipped = records_skipped + @skipped, records_deleted = records_deleted + @deleted,
                api_points = api_points + @points, throttle_wait_ms = throttle_wait_ms + @wait_ms,
                throttled_responses = throttled_responses + @throttled, retries = retries + @retries
            WHERE tenant_id = @tenant_id AND id = @id
            """);
        AddUsage(command, transaction.TenantId, runId, page.Usage);
        command.Parameters.AddWithValue("pages", page.Pages);
        command.Parameters.AddWithValue("fetched", (long)page.RecordsFetched);
        command.Parameters.AddWithValue("upserted", (long)page.RecordsUpserted);
        command.Parameters.AddWithValue("skipped", (long)page.RecordsSkipped);
        command.Parameters.AddWithValue("deleted", (long)page.RecordsDeleted);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A request made for the run that wrote nothing (a check before the pages), counted as one page of it.</summary>
    public Task RecordRequestAsync(Guid tenantId, Guid runId, ShopifyUsage usage, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, transaction => RecordProgressAsync(transaction, runId, new RunProgress(1, 0, 0, usage), cancellationToken), cancellationToken);

    /// <summary>
    /// Ends the run: succeeded without an <paramref name="error"/>, failed with one. What the request it failed of spent
    /// before being given up (no write carried it) is counted with it. Returns what the run came to (null when it is gone).
    /// </summary>
    public Task<RunSummary?> FinishAsync(Guid tenantId, Guid runId, string? error, ShopifyUsage spentByFailure, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            if (spentByFailure.Requests > 0)
            {
                await RecordProgressAsync(transaction, runId, new RunProgress(0, 0, 0, spentByFailure), cancellationToken);
            }

            await using var command = transaction.CreateCommand($"""
                UPDATE {Table} SET status = @status, finished_at = @now, error = @error WHERE tenant_id = @tenant_id AND id = @id
                RETURNING mode, records_fetched, records_upserted, api_points
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("id", runId);
            command.Parameters.AddWithValue("status", error is null ? RunStatus.Succeeded : RunStatus.Failed);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.Add(new NpgsqlParameter<string?>("error", error is { Length: > 2000 } ? error[..2000] : error) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new RunSummary(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))
                : null;
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
