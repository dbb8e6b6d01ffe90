using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Webhooks;

/// <summary>
/// The mandatory compliance topics, sent on demand to the app's compliance address with their documented bodies, and
/// app/uninstalled, after which the token is refused.
/// </summary>
public sealed class PrivacyAndUninstallTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string CustomerWithOrders = "{ customers(first: 50) { nodes { id numberOfOrders email } } }";

    [Fact]
    public async Task A_data_request_names_the_customer_their_orders_and_the_requests_id()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await ComplianceShopAsync(app);
        var customer = await CustomerWithOrdersAsync(shop);

        using var response = await shop.PostControlAsync("privacy", new { topic = "customers/data_request", customerId = customer.Id() });
        var delivery = Assert.Single(await app.WaitForTopicAsync("customers/data_request"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/compliance", delivery.Path);
        Assert.True(delivery.IsSignedWith(Support.Webhooks.Secret));
        var body = delivery.Body;
        Assert.Equal(["shop_id", "shop_domain", "customer", "orders_requested", "data_request"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(shop.Domain, body.GetProperty("shop_domain").GetString());
        Assert.Equal(customer.Id(), "gid://shopify/Customer/" + body.GetProperty("customer").GetProperty("id").GetInt64());
        Assert.Equal(customer.GetProperty("email").GetString(), body.GetProperty("customer").GetProperty("email").GetString());
        // numberOfOrders leaves out test and cancelled orders; the request names every order of the customer.
        Assert.InRange(
            body.GetProperty("orders_requested").GetArrayLength(),
            long.Parse(customer.GetProperty("numberOfOrders").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            int.MaxValue);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("data_request").GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task A_redaction_names_the_customer_and_the_orders_to_redact_and_a_shop_redaction_the_shop_alone()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await ComplianceShopAsync(app);
        var customer = await CustomerWithOrdersAsync(shop);

        using var redact = await shop.PostControlAsync("privacy", new { topic = "customers/redact", customerId = customer.Id() });
        using var shopRedact = await shop.PostControlAsync("privacy", new { topic = "shop/redact" });
        var received = await app.WaitForAsync(r => r.Count >= 2, "both redactions");

        var customerBody = received.Single(w => w.Topic == "customers/redact").Body;
        Assert.Equal(["shop_id", "shop_domain", "customer", "orders_to_redact"], customerBody.EnumerateObject().Select(p => p.Name));
        Assert.True(customerBody.GetProperty("orders_to_redact").GetArrayLength() > 0);
        Assert.Equal(["shop_id", "shop_domain"], received.Single(w => w.Topic == "shop/redact").Body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_privacy_request_without_a_compliance_address_or_a_known_customer_or_topic_is_refused()
    {
        var shop = await simulator.CreateShopAsync();
        using var withoutAddress = await shop.PostControlAsync("privacy", new { topic = "shop/redact" });
        await shop.ChangeSettingsAsync(new { complianceWebhookUri = "http://127.0.0.1:9/compliance" });

        using var unknownTopic = await shop.PostControlAsync("privacy", new { topic = "orders/create" });
        using var unknownCustomer = await shop.PostControlAsync("privacy", new { topic = "customers/redact", customerId = "gid://shopify/Customer/1" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutAddress.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownTopic.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCustomer.StatusCode);
    }

    [Fact]
    public async Task Uninstalling_sends_app_uninstalled_then_refuses_the_token_and_drops_the_subscriptions_until_installed_again()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "APP_UNINSTALLED", "ORDERS_CREATE");

        using var uninstall = await shop.PostControlAsync("uninstall");
        var delivery = Assert.Single(await app.WaitForTopicAsync("app/uninstalled"));
        using var refused = await shop.PostGraphQLAsync("{ shop { name } }");
        using var install = await shop.PostControlAsync("install");
        var subscriptions = await shop.WalkAsync("webhookSubscriptions", "id");

        Assert.Equal(HttpStatusCode.OK, uninstall.StatusCode);
        Assert.Equal(shop.Domain, delivery.Body.GetProperty("myshopify_domain").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        Assert.Empty(subscriptions);
    }

    private async Task<ShopClient> ComplianceShopAsync(WebhookReceiver app)
    {
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.ChangeSettingsAsync(new { complianceWebhookUri = app.Url("/compliance") });
        return shop;
    }

    private static async Task<JsonElement> CustomerWithOrdersAsync(ShopClient shop) =>
        (await shop.DataAsync(CustomerWithOrders)).GetProperty("customers").GetProperty("nodes").EnumerateArray()
            .First(c => c.GetProperty("numberOfOrders").GetString() != "0" && c.GetProperty("email").ValueKind == JsonValueKind.String);
}
