using Npgsql;
using NpgsqlTypes;

namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>The pieces every ingest statement batch is built from: tenant-bound commands and the count of what applied.</summary>
public static class IngestBatches
{
    /// <summary>The column an ingest statement names its count of applied records.</summary>
    public const string AppliedColumn = "applied";

    /// <summary>A command of a batch with <c>@tenant_id</c> bound to the transaction's tenant.</summary>
    public static NpgsqlBatchCommand TenantCommand(this IngestTransaction transaction, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant_id", NpgsqlDbType.Uuid) { TypedValue = transaction.TenantId });
        return command;
    }

    /// <summary>A delete statement's command: <c>@ids</c> and <c>@deleted_at</c> as arrays, each id once.</summary>
    public static NpgsqlBatchCommand DeleteCommand(this IngestTransaction transaction, string sql, IReadOnlyList<DeletedRecord> deletes)
    {
        var unique = deletes.DistinctBy(d => d.ShopifyId).ToArray();
        var command = transaction.TenantCommand(sql);
        command.Parameters.AddArray("ids", NpgsqlDbType.Bigint, unique.Select(d => d.ShopifyId));
        command.Parameters.AddArray("deleted_at", NpgsqlDbType.TimestampTz, unique.Select(d => d.DeletedAt.ToUniversalTime()));
        return command;
    }

    /// <summary>Runs the batch to its end and returns the count its statement selected as <see cref="AppliedColumn"/>.</summary>
    public static async Task<int> ExecuteAppliedAsync(this NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        int? applied = null;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            if (reader.FieldCount == 1 && reader.GetName(0) == AppliedColumn && await reader.ReadAsync(cancellationToken))
            {
                applied = reader.GetInt32(0);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return applied ?? throw new InvalidOperationException($"The ingest batch selected no '{AppliedColumn}' count.");
    }
}
