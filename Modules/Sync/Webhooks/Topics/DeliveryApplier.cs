using System.Text.Json;
using Microsoft.Extensions.Logging;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Webhooks.Inbox;

namespace ShopIngest.Modules.Sync.Webhooks.Topics;

/// <summary>
/// Applies a batch of one tenant's deliveries from their bodies alone, never asking Shopify: each body becomes the record
/// (or the deletion, or the privacy request) the sync and the ingest contracts know, and each kind goes to its contract in
/// one call, so a batch costs the same few statements however many deliveries it holds. Order does not matter: the
/// contracts keep the newest <c>updated_at</c> of a record whichever delivery comes last, and a deletion sticks.
/// </summary>
/// <remarks>
/// Within a batch, customers go first, then products, then orders (the order in which the ingest contracts' locks are
/// taken everywhere), each resource's updates before its deletions; redactions follow, so they also erase what the same
/// batch wrote; a shop's redaction comes last and erases everything.
/// </remarks>
internal sealed partial class DeliveryApplier(
    IOrderIngest orders,
    ICustomerIngest customers,
    IProductIngest products,
    ICustomerPrivacy privacy,
    IEnumerable<IShopDataEraser> erasers,
    TenantDirectoryScopes directory,
    ILogger<DeliveryApplier> logger)
{
    /// <summary>The days of a shop whose time zone no sync has told yet are UTC days; the first sync's zone rebuilds them.</summary>
    private const string UnknownTimeZone = "UTC";

    public async Task<IReadOnlyList<DeliveryOutcome>> ApplyAsync(IngestTransaction transaction, IReadOnlyList<PendingDelivery> batch, CancellationToken cancellationToken)
    {
        var tenantId = transaction.TenantId;
        var shop = await directory.UseAsync(tenantId, shops => shops.GetShopAsync(tenantId, cancellationToken));
        if (shop is null || shop.DataErasedAt is not null)
        {
            // A straggler: stored by a replica that had not heard yet, or by a request that found the shop just before its
            // redaction and stored after it. The shop's data stays erased, and nothing of the delivery is kept either.
            LogStragglersForgotten(logger, batch.Count, tenantId);
            return [.. batch.Select(delivery => new DeliveryOutcome(delivery.Id, Error: null, Forget: true))];
        }

        var outcomes = new List<DeliveryOutcome>(batch.Count);
        var work = new BatchWork();
        foreach (var delivery in batch)
        {
            var error = Read(delivery, work);
            if (error is not null)
            {
                LogNotApplied(logger, delivery.Topic, delivery.Id, tenantId, error);
            }

            outcomes.Add(new DeliveryOutcome(delivery.Id, error));
        }

        await ApplyShopChangesAsync(tenantId, work, cancellationToken);

        await customers.UpsertProfilesAsync(transaction, work.Customers, cancellationToken);
        await customers.DeleteAsync(transaction, work.DeletedCustomers, cancellationToken);
        await products.UpsertAsync(transaction, work.Products, cancellationToken);
        await products.DeleteAsync(transaction, work.DeletedProducts, cancellationToken);
        if (work.Orders.Count + work.DeletedOrders.Count > 0)
        {
            // A shop/update of this batch may have just changed it.
            var timeZone = work.LatestShopDetails?.IanaTimezone ?? shop.TimeZone ?? UnknownTimeZone;
            await orders.UpsertAsync(transaction, work.Orders, timeZone, cancellationToken);
            await orders.DeleteAsync(transaction, work.DeletedOrders, timeZone, cancellationToken);
        }

        foreach (var request in work.DataRequests)
        {
            await privacy.RecordDataRequestAsync(transaction, request, cancellationToken);
        }

        foreach (var redaction in work.Redactions)
        {
            await privacy.RedactAsync(transaction, redaction, cancellationToken);
        }

        if (work.ShopRedactedAt is { } redactedAt)
        {
            await EraseShopAsync(transaction, redactedAt, cancellationToken);
        }

        return outcomes;
    }

    /// <summary>Adds what the delivery says to <paramref name="work"/>; the reason when it cannot be applied.</summary>
    private static string? Read(PendingDelivery delivery, BatchWork work)
    {
        if (delivery.Payload is null)
        {
            return "its body was erased before it was applied";
        }

        var at = delivery.TriggeredAt ?? delivery.ReceivedAt;
        try
        {
            using var json = JsonDocument.Parse(delivery.Payload);
            var body = json.RootElement;
            switch (delivery.Topic)
            {
                case ShopifyTopics.OrdersCreate or ShopifyTopics.OrdersUpdated or ShopifyTopics.OrdersCancelled:
                    work.Orders.Add(RestRecords.Order(body));
                    return null;
                case ShopifyTopics.OrdersDelete:
                    work.DeletedOrders.Add(new DeletedRecord(RestRecords.DeletedId(body), at));
                    return null;
                case ShopifyTopics.ProductsCreate or ShopifyTopics.ProductsUpdate:
                    work.Products.Add(RestRecords.Product(body));
                    return null;
                case ShopifyTopics.ProductsDelete:
                    work.DeletedProducts.Add(new DeletedRecord(RestRecords.DeletedId(body), at));
                    return null;
                case ShopifyTopics.CustomersCreate or ShopifyTopics.CustomersUpdate:
                    work.Customers.Add(RestRecords.Customer(body));
                    return null;
                case ShopifyTopics.CustomersDelete:
                    work.DeletedCustomers.Add(new DeletedRecord(RestRecords.DeletedId(body), at));
                    return null;
                case ShopifyTopics.CustomersDataRequest:
                    work.DataRequests.Add(RestRecords.DataRequest(body, at));
                    return null;
                case ShopifyTopics.CustomersRedact:
                    work.Redactions.Add(RestRecords.Redaction(body, at));
                    return null;
                case ShopifyTopics.ShopRedact:
                    work.ShopRedacted(at);
                    return null;
                case ShopifyTopics.ShopUpdate:
                    work.ShopDetails(at, RestRecords.ShopDetails(body));
                    return null;
                case ShopifyTopics.AppUninstalled:
                    work.Uninstalled(at);
                    return null;
                default:
                    return $"{delivery.Topic} is not a topic ShopIngest applies";
            }
        }
        catch (UnusablePayloadException unusable)
        {
            return $"{delivery.Topic}: {unusable.Message}";
        }
    }

    /// <summary>What the shop itself reported: its currency and time zone, and the app's removal. Identity keeps both.</summary>
    private async Task ApplyShopChangesAsync(Guid tenantId, BatchWork work, CancellationToken cancellationToken)
    {
        if (work.LatestShopDetails is { } details && (details.Currency is not null || details.IanaTimezone is not null))
        {
            await directory.UseAsync(tenantId, shop => shop.RecordShopDetailsAsync(tenantId, details.Currency, details.IanaTimezone, cancellationToken));
        }

        if (work.UninstalledAt is { } uninstalledAt)
        {
            await directory.UseAsync(tenantId, shop => shop.RecordAppUninstalledAsync(tenantId, uninstalledAt, cancellationToken));
        }
    }

    /// <summary>
    /// shop/redact: every module's rows of the shop go in this transaction (Sync's own run history, checkpoints and inbox
    /// included), and Identity drops the shop's credentials and stops listening to it.
    /// </summary>
    private async Task EraseShopAsync(IngestTransaction transaction, DateTimeOffset redactedAt, CancellationToken cancellationToken)
    {
        var tenantId = transaction.TenantId;
        long erased = 0;
        foreach (var eraser in erasers)
        {
            erased += await eraser.EraseAsync(transaction, cancellationToken);
        }

        await directory.UseAsync(tenantId, shop => shop.RecordShopRedactedAsync(tenantId, redactedAt, cancellationToken));
        LogShopErased(logger, tenantId, erased);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Topic} (inbox {DeliveryId}) of tenant {TenantId} was not applied: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string topic, long deliveryId, Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} webhook deliveries of tenant {TenantId}, whose data was erased, were dropped unapplied")]
    private static partial void LogStragglersForgotten(ILogger logger, int count, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify asked for the data of tenant {TenantId} to be erased: {Rows} rows were")]
    private static partial void LogShopErased(ILogger logger, Guid tenantId, long rows);

    /// <summary>What one batch's deliveries add up to.</summary>
    private sealed class BatchWork
    {
        private DateTimeOffset _shopDetailsAt;

        public List<OrderRecord> Orders { get; } = [];

        public List<DeletedRecord> DeletedOrders { get; } = [];

        public List<ProductRecord> Products { get; } = [];

        public List<DeletedRecord> DeletedProducts { get; } = [];

        public List<CustomerProfile> Customers { get; } = [];

        public List<DeletedRecord> DeletedCustomers { get; } = [];

        public List<CustomerDataRequest> DataRequests { get; } = [];

        public List<CustomerRedaction> Redactions { get; } = [];

        /// <summary>The shop/update triggered last: an earlier one arriving later must not win.</summary>
        public ShopDetailsChange? LatestShopDetails { get; private set; }

        public DateTimeOffset? UninstalledAt { get; private set; }

        public DateTimeOffset? ShopRedactedAt { get; private set; }

        public void ShopDetails(DateTimeOffset triggeredAt, ShopDetailsChange details)
        {
            if (LatestShopDetails is null || triggeredAt >= _shopDetailsAt)
            {
                LatestShopDetails = details;
                _shopDetailsAt = triggeredAt;
            }
        }

        public void Uninstalled(DateTimeOffset triggeredAt) => UninstalledAt = Later(UninstalledAt, triggeredAt);

        public void ShopRedacted(DateTimeOffset triggeredAt) => ShopRedactedAt = Later(ShopRedactedAt, triggeredAt);

        private static DateTimeOffset Later(DateTimeOffset? earlier, DateTimeOffset at) => earlier is { } known && known > at ? known : at;
    }
}
