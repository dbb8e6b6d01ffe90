using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Privacy;

/// <summary>All of a shop's sales data, gone in one statement: customers, orders, rollups and the privacy records.</summary>
internal sealed class SalesDataEraser : IShopDataEraser
{
    private const string EraseSql = """
        WITH items AS (DELETE FROM sales.order_line_items WHERE tenant_id = @tenant_id RETURNING 1),
             orders AS (DELETE FROM sales.orders WHERE tenant_id = @tenant_id RETURNING 1),
             customers AS (DELETE FROM sales.customers WHERE tenant_id = @tenant_id RETURNING 1),
             days AS (DELETE FROM sales.daily_sales WHERE tenant_id = @tenant_id RETURNING 1),
             totals AS (DELETE FROM sales.tenant_totals WHERE tenant_id = @tenant_id RETURNING 1),
             tombstones AS (DELETE FROM sales.tombstones WHERE tenant_id = @tenant_id RETURNING 1),
             redactions AS (DELETE FROM sales.redactions WHERE tenant_id = @tenant_id RETURNING 1),
             requests AS (DELETE FROM sales.data_requests WHERE tenant_id = @tenant_id RETURNING 1)
        SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM customers)
             + (SELECT count(*) FROM days) + (SELECT count(*) FROM totals) + (SELECT count(*) FROM tombstones)
             + (SELECT count(*) FROM redactions) + (SELECT count(*) FROM requests)
        """;

    public async Task<long> EraseAsync(IngestTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(EraseSql));
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }
}
