using Npgsql;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Data;

/// <summary>
/// Short transactions on the runtime data source, bound to one tenant (row-level security), for the engine's own
/// bookkeeping and its page writes.
/// </summary>
internal sealed class TenantTransactions(NpgsqlDataSource dataSource)
{
    public async Task<T> RunAsync<T>(Guid tenantId, Func<IngestTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await transaction.SetTenantAsync(tenantId, cancellationToken);
        var result = await work(new IngestTransaction(connection, transaction, tenantId));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task RunAsync(Guid tenantId, Func<IngestTransaction, Task> work, CancellationToken cancellationToken) =>
        RunAsync(tenantId, async transaction =>
        {
            await work(transaction);
            return true;
        }, cancellationToken);
}
