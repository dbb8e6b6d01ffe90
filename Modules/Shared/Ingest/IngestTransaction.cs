using Npgsql;

namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>
/// One open PostgreSQL transaction, already bound to <see cref="TenantId"/> (row-level security), in which Sync writes a
/// batch of records through the ingest contracts of Catalog and Sales together with its own checkpoint, so that the
/// records and the checkpoint commit or roll back as one. A module given one may add commands to it and read its
/// tenant; the connection and transaction stay with whoever opened it, so no module can commit, roll back or rebind
/// the tenant behind the caller's back.
/// </summary>
public sealed class IngestTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId)
{
    public Guid TenantId { get; } = tenantId;

    /// <summary>A command that runs in this transaction.</summary>
    public NpgsqlCommand CreateCommand(string sql) => new(sql, connection, transaction);

    /// <summary>A batch of commands that runs in this transaction, in one round trip.</summary>
    public NpgsqlBatch CreateBatch() => new(connection, transaction);
}
