using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>Writes pages of Shopify customers for the transaction's tenant.</summary>
public interface ICustomerIngest
{
    /// <summary>
    /// Upserts <paramref name="page"/> in one round trip. A customer is applied only when its
    /// <see cref="CustomerRecord.UpdatedAt"/> is not older than the stored one. Ids repeated within the page
    /// keep the newest record.
    /// </summary>
    Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<CustomerRecord> page, CancellationToken cancellationToken = default);
}
