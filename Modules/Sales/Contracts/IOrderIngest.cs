using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>Writes pages of Shopify orders, with their line items, for the transaction's tenant.</summary>
public interface IOrderIngest
{
    /// <summary>
    /// Upserts <paramref name="page"/> in one round trip and keeps the daily sales rollup in step.
    /// An order is applied only when its <see cref="OrderRecord.UpdatedAt"/> is not older than the stored one;
    /// an applied order's line items become exactly those of the record, and an order deleted before is not applied. Ids repeated within the page keep the
    /// newest record. <paramref name="shopTimeZone"/> is the shop's IANA timezone (Shop.ianaTimezone), which
    /// days are counted in; when it differs from the previous call's, the tenant's rollup is rebuilt.
    /// </summary>
    Task<IngestResult> UpsertAsync(
        IngestTransaction transaction, IReadOnlyList<OrderRecord> page, string shopTimeZone, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the orders Shopify deleted, with their line items, and takes each counted one out of the daily sales
    /// rollup in the same statement. A deleted order never comes back: later upserts of its id are not applied.
    /// Applied counts the orders that were stored.
    /// </summary>
    Task<IngestResult> DeleteAsync(
        IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, string shopTimeZone, CancellationToken cancellationToken = default);
}
