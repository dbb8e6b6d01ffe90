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
/// the GraphQL sync would have written, and the records of a batch go to each ingest contract in one call, so a batch
/// costs the same few statements however many deliveries it holds. Order does not matter: the ingest contracts keep
/// the newest <c>updated_at</c> of each record, whichever delivery comes last.
/// </summary>
internal sealed partial class DeliveryApplier(
    IOrderIngest orders,
    ICustomerIngest customers,
    IProductIngest products,
    TenantDirectoryScopes directory,
    ILogger<DeliveryApplier> logger)
{
    /// <summary>The days of a shop whose time zone no sync has told yet are UTC days; the first sync's zone rebuilds them.</summary>
    private const string UnknownTimeZone = "UTC";

    public async Task<IReadOnlyList<DeliveryOutcome>> ApplyAsync(IngestTransaction transaction, IReadOnlyList<PendingDelivery> batch, CancellationToken cancellationToken)
    {
        var tenantId = transaction.TenantId;
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
        await products.UpsertAsync(transaction, work.Products, cancellationToken);
        if (work.Orders.Count > 0)
        {
            var timeZone = await directory.UseAsync(tenantId, async shop => (await shop.GetShopAsync(tenantId, cancellationToken))?.TimeZone);
            await orders.UpsertAsync(transaction, work.Orders, timeZone ?? UnknownTimeZone, cancellationToken);
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

        try
        {
            using var json = JsonDocument.Parse(delivery.Payload);
            var body = json.RootElement;
            switch (delivery.Topic)
            {
                case ShopifyTopics.OrdersCreate or ShopifyTopics.OrdersUpdated or ShopifyTopics.OrdersCancelled:
                    work.Orders.Add(RestRecords.Order(body));
                    return null;
                case ShopifyTopics.ProductsCreate or ShopifyTopics.ProductsUpdate:
                    work.Products.Add(RestRecords.Product(body));
                    return null;
                case ShopifyTopics.CustomersCreate or ShopifyTopics.CustomersUpdate:
                    work.Customers.Add(RestRecords.Customer(body));
                    return null;
                case ShopifyTopics.ShopUpdate:
                    work.ShopDetails(delivery.TriggeredAt ?? delivery.ReceivedAt, RestRecords.ShopDetails(body));
                    return null;
                case ShopifyTopics.AppUninstalled:
                    work.Uninstalled(delivery.TriggeredAt ?? delivery.ReceivedAt);
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


    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Topic} (inbox {DeliveryId}) of tenant {TenantId} was not applied: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string topic, long deliveryId, Guid tenantId, string reason);

    /// <summary>What one batch's deliveries add up to.</summary>
    private sealed class BatchWork
    {
        private DateTimeOffset _shopDetailsAt;

        public List<OrderRecord> Orders { get; } = [];

        public List<ProductRecord> Products { get; } = [];

        public List<CustomerProfile> Customers { get; } = [];

        /// <summary>The shop/update triggered last: an earlier one arriving later must not win.</summary>
        public ShopDetailsChange? LatestShopDetails { get; private set; }

        public DateTimeOffset? UninstalledAt { get; private set; }

        public void ShopDetails(DateTimeOffset triggeredAt, ShopDetailsChange details)
        {
            if (LatestShopDetails is null || triggeredAt >= _shopDetailsAt)
            {
                LatestShopDetails = details;
                _shopDetailsAt = triggeredAt;
            }
        }

        public void Uninstalled(DateTimeOffset triggeredAt) =>
            UninstalledAt = UninstalledAt is { } earlier && earlier > triggeredAt ? earlier : triggeredAt;
    }
}
