using System.Globalization;
using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Webhooks;

/// <summary>
/// How a change reaches a subscribed app: one signed POST per subscription and topic, with Shopify's headers, retried
/// with back-off until a 2xx, given up (and the subscription removed) after the last retry.
/// </summary>
public sealed class WebhookDeliveryTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly string[] RefundedStatuses = ["partially_refunded", "refunded"];
    private static readonly string[] IdAndUpdatedAt = ["id", "updated_at"];

    [Fact]
    public async Task A_created_order_is_posted_with_Shopifys_headers_and_a_signature_of_the_raw_body_with_the_shops_secret()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");

        var created = (await shop.ChangeAsync(new { create = new { orders = 1 } })).GetProperty("created").GetProperty("orders")[0].GetString();
        var delivery = Assert.Single(await app.WaitForTopicAsync("orders/create"));

        Assert.True(delivery.IsSignedWith(Support.Webhooks.Secret), "X-Shopify-Hmac-Sha256 should be the HMAC of the raw body with the shop's secret");
        Assert.False(delivery.IsSignedWith("another secret"));
        Assert.Equal(shop.Domain, delivery.Header("X-Shopify-Shop-Domain"));
        Assert.Equal("2025-10", delivery.Header("X-Shopify-API-Version"));
        Assert.True(Guid.TryParse(delivery.WebhookId, out _), $"X-Shopify-Webhook-Id should be a UUID: {delivery.WebhookId}");
        Assert.True(Guid.TryParse(delivery.EventId, out _), $"X-Shopify-Event-Id should be a UUID: {delivery.EventId}");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", delivery.Header("X-Shopify-Triggered-At"));
        Assert.StartsWith("application/json", delivery.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(created, delivery.Body.GetProperty("admin_graphql_api_id").GetString());
        Assert.Equal(JsonValueKind.Number, delivery.Body.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task The_secret_given_when_the_shop_is_created_or_changed_later_is_the_one_deliveries_are_signed_with()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "PRODUCTS_CREATE");

        await shop.ChangeAsync(new { create = new { products = 1 } });
        await app.WaitForTopicAsync("products/create");
        await shop.ChangeSettingsAsync(new { webhookSecret = "rotated-secret" });
        await shop.ChangeAsync(new { create = new { products = 1 } });
        var deliveries = await app.WaitForTopicAsync("products/create", 2);

        Assert.True(deliveries[0].IsSignedWith(Support.Webhooks.Secret));
        Assert.True(deliveries[1].IsSignedWith("rotated-secret"));
    }

    [Fact]
    public async Task Each_kind_of_change_sends_its_topic_and_only_subscribed_topics_are_sent()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(
            app.Url(), "PRODUCTS_CREATE", "PRODUCTS_UPDATE", "PRODUCTS_DELETE", "CUSTOMERS_CREATE", "CUSTOMERS_DELETE", "ORDERS_UPDATED", "ORDERS_DELETE");

        await shop.ChangeAsync(new { create = new { products = 1, customers = 1, orders = 1 } });
        await shop.ChangeAsync(new { update = new { products = 1, orders = 2 } });
        await shop.ChangeAsync(new { delete = new { products = 1, customers = 1, orders = 1 } });
        await app.WaitForAsync(r => r.Count >= 8, "eight deliveries");
        await shop.WaitUntilSettledAsync();

        Assert.Equal(
            ["customers/create", "customers/delete", "orders/delete", "orders/updated", "orders/updated", "products/create", "products/delete", "products/update"],
            app.Received.Select(w => w.Topic).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_delete_carries_next_to_nothing_the_id_alone_for_orders_and_products_and_the_gid_too_for_customers()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_DELETE", "PRODUCTS_DELETE", "CUSTOMERS_DELETE");

        var deleted = (await shop.ChangeAsync(new { create = new { customers = 1 } })).GetProperty("created").GetProperty("customers")[0].GetString()!;
        await shop.ChangeAsync(new { delete = new { orders = 1, products = 1, ids = new[] { deleted } } });
        var received = await app.WaitForAsync(r => r.Count >= 3, "three deletes");

        Assert.Equal(["id"], PropertyNames(received.Single(w => w.Topic == "orders/delete").Body));
        Assert.Equal(["id"], PropertyNames(received.Single(w => w.Topic == "products/delete").Body));
        var customer = received.Single(w => w.Topic == "customers/delete").Body;
        Assert.Equal(["id", "tax_exemptions", "admin_graphql_api_id"], PropertyNames(customer));
        Assert.Equal(deleted, customer.GetProperty("admin_graphql_api_id").GetString());
    }

    [Fact]
    public async Task A_cancelled_order_sends_orders_cancelled_and_orders_updated_and_a_refund_sends_orders_updated_with_the_new_current_total()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_CANCELLED", "ORDERS_UPDATED");

        var change = await shop.ChangeAsync(new { cancel = new { orders = 1 }, refund = new { orders = 1 } });
        var cancelled = change.GetProperty("cancelled")[0].GetString();
        var refunded = change.GetProperty("refunded")[0].GetString();
        var received = await app.WaitForAsync(r => r.Count >= 3, "a cancellation and two updates");

        var cancellation = received.Single(w => w.Topic == "orders/cancelled").Body;
        Assert.Equal(cancelled, cancellation.GetProperty("admin_graphql_api_id").GetString());
        Assert.NotEqual(JsonValueKind.Null, cancellation.GetProperty("cancelled_at").ValueKind);
        Assert.False(string.IsNullOrEmpty(cancellation.GetProperty("cancel_reason").GetString()));
        var refund = received.Single(w => w.Topic == "orders/updated" && w.Body.GetProperty("admin_graphql_api_id").GetString() == refunded).Body;
        var total = decimal.Parse(refund.GetProperty("total_price").GetString()!, CultureInfo.InvariantCulture);
        var current = decimal.Parse(refund.GetProperty("current_total_price").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(current < total, $"the refund should lower the current total: {refund}");
        Assert.Contains(refund.GetProperty("financial_status").GetString(), RefundedStatuses);
    }

    [Fact]
    public async Task Two_subscriptions_to_one_topic_each_get_the_change_with_one_event_id_and_their_own_webhook_ids()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url("/first"), "PRODUCTS_CREATE");
        await shop.SubscribeAsync(app.Url("/second"), "PRODUCTS_CREATE");

        await shop.ChangeAsync(new { create = new { products = 1 } });
        var received = await app.WaitForTopicAsync("products/create", 2);

        Assert.Equal(["/first", "/second"], received.Select(w => w.Path).Order(StringComparer.Ordinal));
        Assert.Single(received.Select(w => w.EventId).Distinct());
        Assert.Equal(2, received.Select(w => w.WebhookId).Distinct().Count());
    }

    [Fact]
    public async Task A_delivery_answered_other_than_2xx_is_retried_with_the_same_webhook_id_and_body_until_it_succeeds()
    {
        await using var app = await WebhookReceiver.StartAsync();
        app.Respond = (_, earlier) => earlier < 2 ? new WebhookReceiver.Answer(503) : WebhookReceiver.Answer.Ok;
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.ChangeSettingsAsync(new { webhookRetryBaseDelayMs = 300 });
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");

        await shop.ChangeAsync(new { create = new { orders = 1 } });
        var attempts = await app.WaitForTopicAsync("orders/create", 3);
        var stats = await shop.WaitUntilSettledAsync();

        Assert.Single(attempts.Select(w => w.WebhookId).Distinct());
        Assert.Single(attempts.Select(w => Convert.ToBase64String(w.RawBody)).Distinct());
        Assert.Equal([503, 503, 200], attempts.Select(w => w.AnsweredStatus));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(250), "the first retry should wait the base delay");
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromMilliseconds(550), "the second retry should wait twice as long");
        Assert.Equal(1, stats.Counter("webhooksDelivered"));
        Assert.Equal(2, stats.Counter("webhookDeliveryFailures"));
    }

    [Fact]
    public async Task An_answer_slower_than_the_timeout_counts_as_failed_and_is_retried()
    {
        await using var app = await WebhookReceiver.StartAsync();
        app.Respond = (_, earlier) => earlier == 0 ? new WebhookReceiver.Answer(200, DelayMs: 1_000) : WebhookReceiver.Answer.Ok;
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.ChangeSettingsAsync(new { webhookTimeoutMs = 200 });
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");

        await shop.ChangeAsync(new { create = new { orders = 1 } });
        await app.WaitForTopicAsync("orders/create", 2);
        var stats = await shop.WaitUntilSettledAsync();

        Assert.Equal(1, stats.Counter("webhookDeliveryFailures"));
        Assert.Equal(1, stats.Counter("webhooksDelivered"));
    }

    [Fact]
    public async Task A_retry_carries_the_body_of_the_moment_the_change_happened_not_the_records_current_state()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var failing = true;
        app.Respond = (_, _) => Volatile.Read(ref failing) ? new WebhookReceiver.Answer(500) : WebhookReceiver.Answer.Ok;
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");

        var order = (await shop.ChangeAsync(new { create = new { orders = 1 } })).GetProperty("created").GetProperty("orders")[0].GetString();
        var first = (await app.WaitForTopicAsync("orders/create"))[0];
        simulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.ChangeAsync(new { update = new { ids = new[] { order } } });
        Volatile.Write(ref failing, false);
        var delivered = (await app.WaitForAsync(r => r.Any(w => w.AnsweredStatus == 200), "the retry to succeed")).Single(w => w.AnsweredStatus == 200);
        var now = await shop.DataAsync("query O($id: ID!) { order(id: $id) { updatedAt } }", new { id = order });

        Assert.Equal(first.RawBody, delivered.RawBody);
        Assert.NotEqual(
            DateTimeOffset.Parse(delivered.Body.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture),
            now.GetProperty("order").Time("updatedAt"));
    }

    [Fact]
    public async Task A_delivery_that_fails_every_retry_is_given_up_and_its_subscription_removed()
    {
        await using var app = await WebhookReceiver.StartAsync();
        app.Respond = (_, _) => new WebhookReceiver.Answer(500);
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.ChangeSettingsAsync(new { webhookRetryBaseDelayMs = 10, webhookMaxRetries = 3 });
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");

        await shop.ChangeAsync(new { create = new { orders = 1 } });
        var attempts = await app.WaitForTopicAsync("orders/create", 4);
        var stats = await shop.WaitUntilSettledAsync();
        var subscriptions = await shop.WalkAsync("webhookSubscriptions", "id");

        Assert.Equal(4, attempts.Count);
        Assert.Equal(1, stats.Counter("webhooksAbandoned"));
        Assert.Equal(4, stats.Counter("webhookDeliveryFailures"));
        Assert.Equal(1, stats.Counter("webhookSubscriptionsRemoved"));
        Assert.Empty(subscriptions);
    }

    [Fact]
    public async Task Only_the_fields_named_in_includeFields_are_sent()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        var payload = await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = app.Url(), includeFields = IdAndUpdatedAt });
        Assert.Equal(0, payload.GetProperty("userErrors").GetArrayLength());

        await shop.ChangeAsync(new { create = new { orders = 1 } });
        var delivery = Assert.Single(await app.WaitForTopicAsync("orders/create"));

        Assert.Equal(IdAndUpdatedAt, PropertyNames(delivery.Body));
    }

    [Fact]
    public async Task The_timeout_back_off_retries_and_secret_are_settings_that_refuse_values_out_of_range()
    {
        var shop = await simulator.CreateShopAsync();

        var defaults = await simulator.Http.GetFromJsonAsync<JsonElement>($"/_sim/shops/{shop.Domain}/settings");
        using var tooManyRetries = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/settings", new { webhookMaxRetries = 9 });
        using var remote = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/settings", new { complianceWebhookUri = "http://app.example.com" });

        Assert.Equal(5_000, defaults.GetProperty("webhookTimeoutMs").GetInt32());
        Assert.Equal(8, defaults.GetProperty("webhookMaxRetries").GetInt32());
        Assert.Equal(1_000, defaults.GetProperty("webhookRetryBaseDelayMs").GetInt32());
        Assert.StartsWith("shpss_", defaults.GetProperty("webhookSecret").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooManyRetries.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, remote.StatusCode);
    }

    private static List<string> PropertyNames(JsonElement body) => [.. body.EnumerateObject().Select(p => p.Name)];
}
