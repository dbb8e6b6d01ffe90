using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>Writes pages of Shopify customers for the transaction's tenant.</summary>
public interface ICustomerIngest
{
    /// <summary>
    /// Upserts <paramref name="page"/> in one round trip. A customer is applied only when its
    /// <see cref="CustomerProfile.UpdatedAt"/> is not older than the stored one. Ids repeated within the page
    /// keep the newest record.
    /// </summary>
    Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<CustomerRecord> page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts customer profiles in one round trip, by the same rule: a profile is applied only when its
    /// <see cref="CustomerProfile.UpdatedAt"/> is not older than the stored one. The stored lifetime totals and tags are
    /// kept (a customer not stored yet starts with none), until a full <see cref="CustomerRecord"/> brings them.
    /// </summary>
    Task<IngestResult> UpsertProfilesAsync(IngestTransaction transaction, IReadOnlyList<CustomerProfile> profiles, CancellationToken cancellationToken = default);
}
