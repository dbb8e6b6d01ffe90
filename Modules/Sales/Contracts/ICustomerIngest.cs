using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>Writes pages of Shopify customers for the transaction's tenant.</summary>
public interface ICustomerIngest
{
    /// <summary>
    /// Upserts <paramref name="page"/> in one round trip. A customer is applied only when its
    /// <see cref="CustomerProfile.UpdatedAt"/> is not older than the stored one. Ids repeated within the page
    /// keep the newest record; a customer deleted before is not applied.
    /// </summary>
    Task<IngestResult> UpsertAsync(IngestTransaction transaction, IReadOnlyList<CustomerRecord> page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts customer profiles in one round trip, by the same rules: a profile is applied only when its
    /// <see cref="CustomerProfile.UpdatedAt"/> is not older than the stored one, and never to a customer deleted before.
    /// The stored lifetime totals and tags are kept (a customer not stored yet starts with none), until a full
    /// <see cref="CustomerRecord"/> brings them.
    /// </summary>
    Task<IngestResult> UpsertProfilesAsync(IngestTransaction transaction, IReadOnlyList<CustomerProfile> profiles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the customers Shopify deleted and lowers the tenant's customer count by those that were stored. A deleted
    /// customer never comes back: later upserts of its id are not applied. Applied counts the customers that were stored.
    /// </summary>
    Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes, as <c>DeleteAsync</c> does, the stored records a reconciliation found Shopify no longer has (see
    /// <see cref="PresentRecords"/>). Applied counts the records deleted.
    /// </summary>
    Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, CancellationToken cancellationToken = default);
}
