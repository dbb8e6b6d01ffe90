using Npgsql;

namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>
/// One open PostgreSQL transaction, already bound to <see cref="TenantId"/> (row-level security), in which
/// Sync writes a page of records through the ingest contracts of Catalog and Sales together with its own
/// checkpoint, so that the page and the checkpoint commit or roll back as one.
/// </summary>
public sealed record IngestTransaction(NpgsqlConnection Connection, NpgsqlTransaction Transaction, Guid TenantId);
