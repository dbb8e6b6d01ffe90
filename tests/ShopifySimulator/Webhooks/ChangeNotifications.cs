using System.Globalization;
using System.Text.Json.Nodes;
using ShopIngest.ShopifySimulator.Events;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// What one applied <c>/changes</c> request tells the world: the events Shopify records for it (served by
/// <c>events</c>) and the webhook messages of each topic someone subscribes to, with bodies taken from the records as
/// they are right after the change. Runs while the request still holds the shop's data.
/// </summary>
/// <remarks>
/// Topics follow Shopify's: a created order sends orders/create, a cancelled one orders/cancelled and orders/updated,
/// a refunded or otherwise changed one orders/updated, a deleted one orders/delete; products and customers send their
/// create, update and delete topics. A customer whose amountSpent or numberOfOrders moved because of an order is
/// updated in the simulator (its updatedAt moves) and so sends customers/update. Events: create, update and destroy
/// for products and customers; placed, cancelled, refund_success and destroy for orders, with Shopify's documented
/// actions (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BasicEvent).
/// </remarks>
internal static class ChangeNotifications
{
    public static List<(WebhookTopic Topic, WebhookMessage Message)> Collect(
        SimulatedShop shop, ChangeResult result, long now, DateTimeOffset triggeredAt)
    {
        var data = shop.Data;
        var messages = new List<(WebhookTopic, WebhookMessage)>();

        // A body is built only for a topic someone subscribes to: a benchmark's large change costs no JSON nobody reads.
        var subscribed = shop.Webhooks.Subscriptions.Select(s => s.Topic).ToHashSet();

        void Send(WebhookTopic topic, Func<JsonObject> payload)
        {
            if (subscribed.Contains(topic))
            {
                messages.Add((topic, WebhookMessage.Of(topic.HeaderName(), payload(), triggeredAt)));
            }
        }

        var recordedAt = UnixTime.Seconds(triggeredAt);
        void Record(EventSubject subject, long id, string action, string message) => data.Events.Record(subject, id, action, now, recordedAt, message);

        foreach (var (id, index) in Live(result.Created.Products, "Product", data.Products))
        {
            Record(EventSubject.Product, id, "create", $"Product created: {data.Products[index].Title}.");
            Send(WebhookTopic.ProductsCreate, () => RestPayloads.Product(data, index));
        }

        foreach (var (id, index) in Live(result.Created.Customers, "Customer", data.Customers))
        {
            Record(EventSubject.Customer, id, "create", "Customer was created.");
            Send(WebhookTopic.CustomersCreate, () => RestPayloads.Customer(data, index));
        }

        foreach (var (id, index) in Live(result.Created.Orders, "Order", data.Orders))
        {
            Record(EventSubject.Order, id, "placed", $"Order {Name(data, index)} was placed.");
            Send(WebhookTopic.OrdersCreate, () => RestPayloads.Order(data, index));
        }

        foreach (var (id, index) in Live(result.Updated.Products, "Product", data.Products))
        {
            Record(EventSubject.Product, id, "update", $"Product updated: {data.Products[index].Title}.");
            Send(WebhookTopic.ProductsUpdate, () => RestPayloads.Product(data, index));
        }

        foreach (var (id, index) in Live(result.Cancelled, "Order", data.Orders))
        {
            Record(EventSubject.Order, id, "cancelled", $"Order {Name(data, index)} was cancelled.");
            Send(WebhookTopic.OrdersCancelled, () => RestPayloads.Order(data, index));
        }

        foreach (var (id, index) in Live(result.Refunded, "Order", data.Orders))
        {
            Record(EventSubject.Order, id, "refund_success", $"A refund on order {Name(data, index)} was successful.");
        }

        foreach (var (_, index) in Live([.. result.Updated.Orders.Concat(result.Cancelled).Concat(result.Refunded).Distinct()], "Order", data.Orders))
        {
            Send(WebhookTopic.OrdersUpdated, () => RestPayloads.Order(data, index));
        }

        foreach (var (id, index) in Live(result.Updated.Customers, "Customer", data.Customers))
        {
            Record(EventSubject.Customer, id, "update", "Customer was updated.");
            Send(WebhookTopic.CustomersUpdate, () => RestPayloads.Customer(data, index));
        }

        foreach (var id in Ids(result.Deleted.Orders, "Order"))
        {
            Record(EventSubject.Order, id, EventRecord.Destroy, string.Create(CultureInfo.InvariantCulture, $"Order {id} was deleted."));
            Send(WebhookTopic.OrdersDelete, () => RestPayloads.Deleted(id));
        }

        foreach (var id in Ids(result.Deleted.Products, "Product"))
        {
            Record(EventSubject.Product, id, EventRecord.Destroy, string.Create(CultureInfo.InvariantCulture, $"Product {id} was deleted."));
            Send(WebhookTopic.ProductsDelete, () => RestPayloads.Deleted(id));
        }

        foreach (var id in Ids(result.Deleted.Customers, "Customer"))
        {
            Record(EventSubject.Customer, id, EventRecord.Destroy, string.Create(CultureInfo.InvariantCulture, $"Customer {id} was deleted."));
            Send(WebhookTopic.CustomersDelete, () => RestPayloads.DeletedCustomer(id));
        }

        if (result.ShopUpdated)
        {
            Send(WebhookTopic.ShopUpdate, () => RestPayloads.Shop(shop));
        }

        return messages;
    }

    private static string Name(ShopData data, int orderIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"#{data.Orders[orderIndex].Number}");

    private static IEnumerable<long> Ids(IEnumerable<string> gids, string resource) =>
        gids.Select(gid => Gid.ParseFor(resource, gid)).OfType<long>();

    /// <summary>The records still live, with their index: one updated and then deleted in the same request sends only its delete.</summary>
    private static IEnumerable<(long Id, int Index)> Live<T>(IEnumerable<string> gids, string resource, RecordTable<T> table)
        where T : struct, ITopLevelRecord =>
        Ids(gids, resource).Select(id => (id, table.IndexOfId(id))).Where(found => found.Item2 >= 0);
}
