using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Catalog.Deletions;

/// <summary>All of a shop's catalog, gone in one statement: products, variants and tombstones.</summary>
internal sealed class CatalogDataEraser : IShopDataEraser
{
    private const string EraseSql = """
        WITH variants AS (DELETE FROM catalog.product_variants WHERE tenant_id = @tenant_id RETURNING 1),
             products AS (DELETE FROM catalog.products WHERE tenant_id = @tenant_id RETURNING 1),
             tombstones AS (DELETE FROM catalog.tombstones WHERE tenant_id = @tenant_id RETURNING 1)
        SELECT (SELECT count(*) FROM variants) + (SELECT count(*) FROM products) + (SELECT count(*) FROM tombstones)
        """;

    public async Task<long> EraseAsync(IngestTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var batch = transaction.CreateBatch();
        batch.BatchCommands.Add(transaction.TenantCommand(EraseSql));
        return (long)(await batch.ExecuteScalarAsync(cancellationToken))!;
    }
}
