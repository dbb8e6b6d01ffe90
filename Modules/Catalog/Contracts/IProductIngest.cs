using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Catalog.Contracts;

/// <summary>Writes pages of Shopify products, with their variants, into the catalog of the transaction's tenant.</summary>
public interface IProductIngest
{
    /// <summary>
    /// Upserts <paramref name="page"/> in one round trip. A product is applied only when its
    /// <see cref="ProductRecord.UpdatedAt"/> is not older than the stored one; an applied product's variants
    /// become exactly those of the record. Ids repeated within the page keep the newest record; a product deleted before is not applied.
    /// </summary>
    Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<ProductRecord> page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the products Shopify deleted, with their variants. A deleted product never comes back: later upserts of
    /// its id are not applied. Applied counts the products that were stored.
    /// </summary>
    Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, CancellationToken cancellationToken = default);
}
