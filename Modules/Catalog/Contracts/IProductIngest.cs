using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Catalog.Contracts;

/// <summary>Writes pages of Shopify products, with their variants, into the catalog of the transaction's tenant.</summary>
public interface IProductIngest
{
    /// <summary>
    /// Upserts <paramref name="page"/> in one round trip. A product is applied only when its
    /// <see cref="ProductRecord.UpdatedAt"/> is not older than the stored one; an applied product's variants
    /// become exactly those of the record. Ids repeated within the page keep the newest record.
    /// </summary>
    Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<ProductRecord> page, CancellationToken cancellationToken = default);
}
