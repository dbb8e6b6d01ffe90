using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Webhooks.Inbox;

/// <summary>A delivery as the receiver has it, checked and about to be stored.</summary>
internal sealed record ReceivedDelivery(string WebhookId, string Topic, string? ApiVersion, DateTimeOffset? TriggeredAt, string Payload);

/// <summary>A pending delivery taken by the processor, locked for the transaction that applies it.</summary>
internal sealed record PendingDelivery(long Id, string Topic, DateTimeOffset? TriggeredAt, DateTimeOffset ReceivedAt, string? Payload);

/// <summary>
/// What became of one delivery: applied (no error), or given up with the reason; or <paramref name="Forget"/>, when not
/// even its row may stay (the shop's data was erased).
/// </summary>
internal readonly record struct DeliveryOutcome(long Id, string? Error, bool Forget = false);

/// <summary>
/// <c>sync.webhook_inbox</c>: deliveries are added before the receiver answers, taken by the processor in batches
/// (<c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work without taking the same delivery twice), marked processed in
/// the transaction that applied them, and forgotten after the retention period. Each tenant's rows are its own (row-level
/// security); only finding which tenants have work, and forgetting old rows, look across tenants
/// (<see cref="DispatchSetting"/>). A body is kept only until its delivery is processed: the customer data it carries
/// is then in the tables it was applied to (where a redaction finds it), or was not wanted.
/// </summary>
internal sealed class WebhookInbox(NpgsqlDataSource dataSource)
{
    public const string Table = "webhook_inbox";

    public const int MaxWebhookIdLength = 100;
    public const int MaxTopicLength = 100;
    public const int MaxApiVersionLength = 20;

    /// <summary>
    /// Lets a transaction see every tenant's deliveries (their tenant and state, to know where work waits) and delete
    /// applied ones: the row-level security policies of the table admit that much when it is on.
    /// </summary>
    public const string DispatchSetting = "app.webhook_dispatch";

    private const string AddSql = """
        INSERT INTO sync.webhook_inbox (tenant_id, webhook_id, topic, api_version, triggered_at, received_at, payload, attempts)
        VALUES
        """;

    private const string AddConflictSql = " ON CONFLICT (tenant_id, webhook_id) DO NOTHING";

    private const string PendingTenantsSql = $"""
        SELECT set_config('{DispatchSetting}', 'on', true);
        SELECT DISTINCT tenant_id FROM sync.webhook_inbox
        WHERE processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        LIMIT @limit
        """;

    private const string ClaimSql = """
        SELECT id, topic, triggered_at, received_at, payload FROM sync.webhook_inbox
        WHERE tenant_id = @tenant_id AND processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          AND (@only_id IS NULL OR id = @only_id)
        ORDER BY id
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    // The = ANY finds the rows by key: joined to the unnest alone, the planner may read all of the tenant's rows.
    private const string FinishSql = """
        WITH forgotten AS (
            DELETE FROM sync.webhook_inbox w USING unnest(@ids, @forget) AS o(id, forget)
            WHERE w.tenant_id = @tenant_id AND w.id = ANY(@ids) AND w.id = o.id AND o.forget)
        UPDATE sync.webhook_inbox w SET processed_at = now(), attempts = w.attempts + 1, error = o.error, next_attempt_at = NULL, payload = NULL
        FROM unnest(@ids, @errors, @forget) AS o(id, error, forget)
        WHERE w.tenant_id = @tenant_id AND w.id = ANY(@ids) AND w.id = o.id AND NOT o.forget
        """;

    // Attempt n waits 2^n seconds before the next, up to five minutes; the last one gives the delivery up.
    private const string PostponeSql = """
        UPDATE sync.webhook_inbox SET
            attempts = attempts + 1, error = @error,
            next_attempt_at = now() + make_interval(secs => least(300, power(2, attempts + 1))),
            processed_at = CASE WHEN attempts + 1 >= @max_attempts THEN now() END,
            payload = CASE WHEN attempts + 1 >= @max_attempts THEN NULL ELSE payload END
        WHERE tenant_id = @tenant_id AND id = ANY(@ids) AND processed_at IS NULL
        """;

    private const string ExpireSql = $"""
        SELECT set_config('{DispatchSetting}', 'on', true);
        DELETE FROM sync.webhook_inbox WHERE processed_at < now() - @retention
        """;

    /// <summary>
    /// Stores deliveries, of any tenants, in one transaction committed when this returns, and answers how many were new: a
    /// delivery whose webhook id its tenant has already (a copy) is left out. One round trip: for each tenant, its
    /// setting and one insert of all its deliveries, sent as one batch, which PostgreSQL runs as one transaction.
    /// </summary>
    public async Task<int> AddAllAsync(IReadOnlyList<(Guid TenantId, ReceivedDelivery Delivery)> deliveries, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var inserts = new List<NpgsqlBatchCommand>();
        foreach (var tenant in deliveries.GroupBy(d => d.TenantId, d => d.Delivery))
        {
            var setting = new NpgsqlBatchCommand($"SELECT set_config('{TenantSetting.Name}', $1, true)");
            setting.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = tenant.Key.ToString() });
            batch.BatchCommands.Add(setting);
            var insert = InsertCommand(tenant.Key, [.. tenant]);
            batch.BatchCommands.Add(insert);
            inserts.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return inserts.Sum(insert => insert.RecordsAffected);
    }

    /// <summary>One insert of a tenant's deliveries: a row of positional parameters each, the tenant's id shared as $1.</summary>
    private static NpgsqlBatchCommand InsertCommand(Guid tenantId, IReadOnlyList<ReceivedDelivery> deliveries)
    {
        var sql = new StringBuilder(AddSql);
        var insert = new NpgsqlBatchCommand();
        var parameters = insert.Parameters;
        parameters.Add(new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = tenantId });
        foreach (var delivery in deliveries)
        {
            var first = parameters.Count + 1;
            sql.Append(first == 2 ? " " : ", ").Append(CultureInfo.InvariantCulture,
                $"($1, ${first}, ${first + 1}, ${first + 2}, ${first + 3}, now(), ${first + 4}, 0)");
            parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = delivery.WebhookId });
            parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = delivery.Topic });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)delivery.ApiVersion ?? DBNull.Value });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)delivery.TriggeredAt?.ToUniversalTime() ?? DBNull.Value });
            parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = delivery.Payload });
        }

        insert.CommandText = sql.Append(AddConflictSql).ToString();
        return insert;
    }

    /// <summary>Tenants with deliveries due, at most <paramref name="limit"/> of them.</summary>
    public async Task<IReadOnlyList<Guid>> TenantsWithWorkAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(PendingTenantsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit });
        var tenants = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tenants.Add(reader.GetGuid(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return tenants;
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> of the tenant's due deliveries (only <paramref name="onlyId"/> when given),
    /// oldest first, skipping any another transaction holds.
    /// </summary>
    public static async Task<IReadOnlyList<PendingDelivery>> ClaimAsync(IngestTransaction transaction, int limit, long? onlyId, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant_id", NpgsqlDbType.Uuid) { TypedValue = transaction.TenantId });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter("only_id", NpgsqlDbType.Bigint) { Value = (object?)onlyId ?? DBNull.Value });
        var claimed = new List<PendingDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new PendingDelivery(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return claimed;
    }

    /// <summary>Marks deliveries processed, each with its error when it was given up; deletes those to forget.</summary>
    public static async Task FinishAsync(IngestTransaction transaction, IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(FinishSql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant_id", NpgsqlDbType.Uuid) { TypedValue = transaction.TenantId });
        command.Parameters.AddArray("ids", NpgsqlDbType.Bigint, outcomes.Select(o => o.Id));
        command.Parameters.AddArray("errors", NpgsqlDbType.Text, outcomes.Select(o => o.Error is { Length: > 2000 } error ? error[..2000] : o.Error));
        command.Parameters.AddArray("forget", NpgsqlDbType.Boolean, outcomes.Select(o => o.Forget));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Counts a failed attempt at deliveries whose transaction was rolled back: they wait before the next, and the
    /// <paramref name="maxAttempts"/>th failure gives them up.
    /// </summary>
    public static async Task PostponeAsync(IngestTransaction transaction, IReadOnlyList<long> ids, string error, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(PostponeSql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant_id", NpgsqlDbType.Uuid) { TypedValue = transaction.TenantId });
        command.Parameters.AddArray("ids", NpgsqlDbType.Bigint, ids);
        command.Parameters.Add(new NpgsqlParameter<string>("error", NpgsqlDbType.Text) { TypedValue = error });
        command.Parameters.Add(new NpgsqlParameter<int>("max_attempts", NpgsqlDbType.Integer) { TypedValue = maxAttempts });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets deliveries processed longer than <paramref name="retention"/> ago, of every tenant.</summary>
    public async Task ExpireAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ExpireSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("retention", NpgsqlDbType.Interval) { TypedValue = retention });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
