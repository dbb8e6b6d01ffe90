using Npgsql;
using ShopIngest.Modules.Sync.Data;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>A shop claimed by a sweep, with the due time its scheduled sync was claimed for.</summary>
internal sealed record ClaimedShop(Guid TenantId, DateTimeOffset DueAt);

/// <summary>Where a shop's schedule stands, as the database's clock sees it now.</summary>
internal sealed record ShopScheduleStatus(DateTimeOffset DueAt, DateTimeOffset? LastStartedAt, string? LastNode, DateTimeOffset Now)
{
    /// <summary>How far past its due time the shop's scheduled sync is and has not started: 0 while it is on time.</summary>
    public double LagSeconds => Math.Max(0, (Now - DueAt).TotalSeconds);
}

/// <summary>
/// The per-shop schedule in <c>sync.shop_schedules</c>, on the database's clock (one clock for every replica). Each
/// statement is one round trip whatever the number of shops: the enrolment with arrays, the claim set-based.
/// </summary>
internal sealed class ScheduleStore(NpgsqlDataSource dataSource)
{
    private const string Table = $"{SyncDbContext.Schema}.shop_schedules";

    /// <summary>
    /// Makes the schedule hold exactly the <paramref name="syncable"/> shops: a new one is due at its phase
    /// (<see cref="SchedulePhase"/>), less than an interval away; a shop no longer syncable (paused, its token refused,
    /// gone) leaves it, and comes back at its phase when it is syncable again. Returns how many came and left.
    /// </summary>
    public async Task<(int Added, int Removed)> ReconcileAsync(IReadOnlyList<Guid> syncable, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        DateTimeOffset now;
        await using (var clock = new NpgsqlCommand("SELECT now()", connection))
        {
            now = new DateTimeOffset((DateTime)(await clock.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
        }

        await using var command = new NpgsqlCommand($"""
            WITH listed AS (SELECT * FROM unnest(@ids, @due) AS l(tenant_id, due_at)),
            removed AS (
                DELETE FROM {Table} s WHERE NOT EXISTS (SELECT 1 FROM listed l WHERE l.tenant_id = s.tenant_id) RETURNING 1),
            added AS (
                INSERT INTO {Table} (tenant_id, due_at, next_attempt_at)
                SELECT tenant_id, due_at, due_at FROM listed
                ON CONFLICT (tenant_id) DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM added)::int, (SELECT count(*) FROM removed)::int
            """, connection);
        command.Parameters.AddWithValue("ids", syncable.ToArray());
        command.Parameters.AddWithValue("due", syncable.Select(id => SchedulePhase.FirstDue(id, now, interval)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Claims up to <paramref name="room"/> due shops for this node, stalest first, and never more than the cluster has
    /// free <paramref name="slots"/> for (the advisory locks held right now): a replica takes only what it can start,
    /// and leaves the rest to replicas that have room. Rows another sweep is claiming are skipped, not waited for. A
    /// claimed shop is not offered again for <paramref name="lease"/> unless its sync starts (which moves its due time).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedShop>> ClaimAsync(int room, long[] slots, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH free AS (
                SELECT cardinality(@slots) - count(*) AS slots FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND ((classid::bigint << 32) | objid::bigint) = ANY(@slots))
            UPDATE {Table} s SET next_attempt_at = now() + @lease
            FROM (SELECT tenant_id, due_at FROM {Table}
                  WHERE due_at <= now() AND next_attempt_at <= now()
                  ORDER BY due_at, tenant_id
                  LIMIT LEAST(@room, (SELECT slots FROM free))
                  FOR UPDATE SKIP LOCKED) due
            WHERE s.tenant_id = due.tenant_id
            RETURNING s.tenant_id, due.due_at
            """);
        command.Parameters.AddWithValue("slots", slots);
        command.Parameters.AddWithValue("room", room);
        command.Parameters.AddWithValue("lease", lease);
        var claimed = new List<ClaimedShop>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedShop(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        claimed.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    /// <summary>
    /// Records that the shop's scheduled sync started now on <paramref name="node"/>: the next one is due one interval
    /// from now. Returns how many seconds after its due time it started, or null when the shop left the schedule.
    /// </summary>
    public async Task<double?> StartedAsync(Guid tenantId, TimeSpan interval, string node, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {Table} s SET last_started_at = now(), last_node = @node, due_at = now() + @interval, next_attempt_at = now() + @interval
            FROM (SELECT tenant_id, due_at FROM {Table} WHERE tenant_id = @tenant_id FOR UPDATE) previous
            WHERE s.tenant_id = previous.tenant_id
            RETURNING GREATEST(0, extract(epoch FROM now() - previous.due_at))::float8
            """);
        command.Parameters.AddWithValue("tenant_id", tenantId);
        command.Parameters.AddWithValue("interval", interval);
        command.Parameters.AddWithValue("node", node);
        return await command.ExecuteScalarAsync(cancellationToken) as double?;
    }

    /// <summary>The shop's schedule, or null when it is not scheduled (not syncable, or not enrolled yet).</summary>
    public async Task<ShopScheduleStatus?> ReadAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT due_at, last_started_at, last_node, now() FROM {Table} WHERE tenant_id = @tenant_id");
        command.Parameters.AddWithValue("tenant_id", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ShopScheduleStatus(
            reader.GetFieldValue<DateTimeOffset>(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3));
    }
}
