using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShopIngest.ShopifySimulator.Shops;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.Control;

/// <summary>
/// What a merchant or a customer does to the app rather than to the shop's records: a privacy request
/// (<c>POST /_sim/shops/{shop}/privacy</c>), uninstalling the app (<c>POST /_sim/shops/{shop}/uninstall</c>) and
/// installing it again (<c>POST /_sim/shops/{shop}/install</c>).
/// </summary>
internal static class WebhookControlEndpoints
{
    /// <summary>The API version compliance topics are serialised in: the app's webhook version, here the simulator's.</summary>
    private const string ComplianceApiVersion = "2025-10";

    public static RouteGroupBuilder MapWebhookControl(this RouteGroupBuilder sim)
    {
        sim.MapPost("/shops/{shop}/privacy", RequestPrivacyAsync);
        sim.MapPost("/shops/{shop}/uninstall", UninstallAsync);
        sim.MapPost("/shops/{shop}/install", (string shop, ShopRegistry shops) => ControlEndpoints.WithShop(shops, shop, found =>
        {
            found.Installed = true;
            return Results.Ok(new { found.Installed });
        }));
        return sim;
    }

    /// <summary>
    /// Delivers a mandatory compliance topic to the shop's <c>complianceWebhookUri</c>, with the documented body
    /// (https://shopify.dev/docs/apps/build/privacy-law-compliance): customers/data_request carries the customer, the
    /// ids of their orders (<c>orders_requested</c>) and the request's id; customers/redact the customer and
    /// <c>orders_to_redact</c>; shop/redact the shop alone. Answers 202 with the delivery's ids and body.
    /// </summary>
    private static async Task<IResult> RequestPrivacyAsync(
        string shop, PrivacyRequest body, ShopRegistry shops, SimulatorClock clock, CancellationToken cancellationToken)
    {
        if (shops.Find(shop) is not { } found)
        {
            return Results.NotFound();
        }

        if (body.Topic is not { } topic || !ComplianceTopics.All.Contains(topic))
        {
            return ControlEndpoints.Problems([$"topic must be one of {string.Join(", ", ComplianceTopics.All)}."]);
        }

        if (found.Serving.Webhooks.ComplianceUri is not { } uri)
        {
            return ControlEndpoints.Problems(["complianceWebhookUri is not set: give it in PUT /_sim/shops/{shop}/settings."]);
        }

        var payload = await found.UseDataAsync(data => Payload(found, data, topic, body.CustomerId), cancellationToken);
        if (payload is null)
        {
            return ControlEndpoints.Problems([$"{topic} needs customerId: the GID or the numeric id of one of the shop's customers."]);
        }

        var delivery = found.Webhooks.SendCompliance(WebhookMessage.Of(topic, payload, clock.Time.GetUtcNow()), uri, ComplianceApiVersion);
        return Results.Accepted(value: new { topic, delivery.WebhookId, delivery.Message.EventId, payload });
    }

    /// <summary>
    /// Uninstalls the app: app/uninstalled goes to its subscribers with the shop as its body, then the subscriptions are
    /// gone and the token is refused (401), as Shopify revokes it. shop/redact follows on Shopify 48 hours later; here it
    /// is asked for through <c>/privacy</c>.
    /// </summary>
    private static async Task<IResult> UninstallAsync(string shop, ShopRegistry shops, SimulatorClock clock, CancellationToken cancellationToken)
    {
        if (shops.Find(shop) is not { } found)
        {
            return Results.NotFound();
        }

        var payload = await found.UseDataAsync(_ => RestPayloads.Shop(found), cancellationToken);
        var message = WebhookMessage.Of(WebhookTopic.AppUninstalled.HeaderName(), payload, clock.Time.GetUtcNow());
        found.Webhooks.Publish([(WebhookTopic.AppUninstalled, message)], detached: true);
        found.Webhooks.RemoveAll();
        found.Installed = false;
        return Results.Ok(new { found.Installed });
    }

    private static JsonObject? Payload(SimulatedShop shop, ShopData data, string topic, JsonElement? customerId)
    {
        var body = new JsonObject { ["shop_id"] = data.Settings.NumericId, ["shop_domain"] = shop.Domain };
        if (topic == ComplianceTopics.ShopRedact)
        {
            return body;
        }

        if (FindCustomer(data, customerId) is not { } index)
        {
            return null;
        }

        ref var customer = ref data.Customers[index];
        var orders = new JsonArray();
        foreach (var order in data.Orders.LiveIndexes().Where(i => data.Orders[i].CustomerIndex == index))
        {
            orders.Add(data.Orders[order].Id);
        }

        body["customer"] = new JsonObject { ["id"] = customer.Id, ["email"] = customer.Email, ["phone"] = customer.Phone };
        if (topic == ComplianceTopics.CustomersRedact)
        {
            body["orders_to_redact"] = orders;
        }
        else
        {
            body["orders_requested"] = orders;
            body["data_request"] = new JsonObject { ["id"] = shop.Webhooks.NextDataRequestId() };
        }

        return body;
    }

    /// <summary>The customer with that GID or numeric id, deleted ones included: a redaction may follow a deletion.</summary>
    private static int? FindCustomer(ShopData data, JsonElement? customerId)
    {
        var text = customerId?.ValueKind switch
        {
            JsonValueKind.String => customerId.Value.GetString(),
            JsonValueKind.Number => customerId.Value.GetRawText(),
            _ => null,
        };
        var id = Gid.ParseFor("Customer", text)
            ?? (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : null);
        for (var i = 0; id is not null && i < data.Customers.Count; i++)
        {
            if (data.Customers[i].Id == id)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The body of <c>POST /_sim/shops/{shop}/privacy</c>; customerId is a GID or a numeric id.</summary>
    private sealed record PrivacyRequest(string? Topic, JsonElement? CustomerId);
}
