using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Webhooks;

/// <summary>
/// webhookSubscriptionCreate, webhookSubscriptions and webhookSubscriptionDelete as the 2025-10 reference shapes them,
/// with Shopify's user errors.
/// </summary>
public sealed class WebhookSubscriptionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string Address = "https://app.example.com/webhooks";

    [Fact]
    public async Task A_subscription_is_created_with_its_topic_uri_format_and_the_api_version_of_the_request()
    {
        var shop = await simulator.CreateShopAsync();

        var payload = await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = Address, format = "JSON" });

        Assert.Equal(0, payload.GetProperty("userErrors").GetArrayLength());
        var subscription = payload.GetProperty("webhookSubscription");
        Assert.StartsWith("gid://shopify/WebhookSubscription/", subscription.Id());
        Assert.Equal("ORDERS_CREATE", subscription.GetProperty("topic").GetString());
        Assert.Equal("JSON", subscription.GetProperty("format").GetString());
        Assert.Equal(Address, subscription.GetProperty("uri").GetString());
        Assert.Equal(Address, subscription.GetProperty("callbackUrl").GetString());
        Assert.Equal(0, subscription.GetProperty("includeFields").GetArrayLength());
        Assert.Equal("2025-10", subscription.GetProperty("apiVersion").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task The_deprecated_callbackUrl_still_creates_a_subscription()
    {
        var shop = await simulator.CreateShopAsync();

        var payload = await shop.CreateSubscriptionAsync("PRODUCTS_UPDATE", new { callbackUrl = Address });

        Assert.Equal(Address, payload.GetProperty("webhookSubscription").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task The_same_topic_and_address_again_is_refused_as_taken_while_another_topic_at_that_address_is_not()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SubscribeAsync(Address, "ORDERS_CREATE");

        var again = await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = Address });
        var other = await shop.CreateSubscriptionAsync("ORDERS_UPDATED", new { uri = Address });
        var list = await shop.WalkAsync("webhookSubscriptions", "topic uri");

        Assert.Equal(JsonValueKind.Null, again.GetProperty("webhookSubscription").ValueKind);
        var error = Assert.Single(again.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("Address for this topic has already been taken", error.GetProperty("message").GetString());
        Assert.Equal(["webhookSubscription", "callbackUrl"], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, other.GetProperty("userErrors").GetArrayLength());
        Assert.Equal(["ORDERS_CREATE", "ORDERS_UPDATED"], list.Select(s => s.GetProperty("topic").GetString()));
    }

    [Theory]
    [InlineData("http://app.example.com/webhooks", "Address protocol http:// is not supported")]
    [InlineData("", "Address can't be blank")]
    [InlineData("not a url", "Address is invalid")]
    [InlineData("https://snowdevil.myshopify.com/hooks", "Address cannot be a Shopify or an internal domain")]
    public async Task An_address_Shopify_does_not_deliver_to_is_a_user_error(string address, string message)
    {
        var shop = await simulator.CreateShopAsync();

        var payload = await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = address });

        var error = Assert.Single(payload.GetProperty("userErrors").EnumerateArray());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("webhookSubscription").ValueKind);
    }

    [Fact]
    public async Task Plain_http_to_a_loopback_address_is_accepted_so_that_a_local_app_can_be_tested()
    {
        var shop = await simulator.CreateShopAsync();

        var payload = await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = "http://127.0.0.1:5180/webhooks/shopify" });

        Assert.Equal(0, payload.GetProperty("userErrors").GetArrayLength());
    }

    [Fact]
    public async Task A_topic_whose_scope_the_token_lacks_cannot_be_subscribed_to()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_products"] });

        var orders = await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = Address });
        var products = await shop.CreateSubscriptionAsync("PRODUCTS_CREATE", new { uri = Address });
        var uninstalled = await shop.CreateSubscriptionAsync("APP_UNINSTALLED", new { uri = Address });

        var error = Assert.Single(orders.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("You cannot create a webhook subscription with the specified topic", error.GetProperty("message").GetString());
        Assert.Equal(0, products.GetProperty("userErrors").GetArrayLength());
        Assert.Equal(0, uninstalled.GetProperty("userErrors").GetArrayLength());
    }

    [Fact]
    public async Task A_topic_the_simulator_does_not_deliver_is_refused_by_validation_rather_than_accepted_and_never_sent()
    {
        var shop = await simulator.CreateShopAsync();

        var response = await shop.QueryAsync(
            "mutation { webhookSubscriptionCreate(topic: REFUNDS_CREATE, webhookSubscription: { uri: \"https://app.example.com\" }) { userErrors { message } } }");

        Assert.Contains("REFUNDS_CREATE", response.SingleError().GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pub_sub_destinations_and_filters_are_refused_as_unsupported_by_the_simulator()
    {
        var shop = await simulator.CreateShopAsync();

        var pubSub = await shop.QueryAsync(
            "mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: \"pubsub://project:topic\" }) { userErrors { message } } }");
        var filtered = await shop.QueryAsync(
            "mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: \"https://app.example.com\", filter: \"test:true\" }) { userErrors { message } } }");

        Assert.Contains("not supported by the simulator", pubSub.SingleError().GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not supported by the simulator", filtered.SingleError().GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscriptions_are_listed_filtered_by_topic_and_uri_and_found_by_id()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SubscribeAsync(Address, "ORDERS_CREATE", "ORDERS_DELETE", "PRODUCTS_DELETE");
        await shop.SubscribeAsync("https://other.example.com/hooks", "ORDERS_DELETE");

        var orders = await shop.WalkAsync("webhookSubscriptions", "id topic", "topics: [ORDERS_CREATE, ORDERS_DELETE]", pageSize: 2);
        var atOther = await shop.WalkAsync("webhookSubscriptions", "topic uri", "uri: \"https://other.example.com/hooks\"");
        var found = await shop.DataAsync("query F($id: ID!) { webhookSubscription(id: $id) { topic } }", new { id = orders[0].Id() });

        Assert.Equal(["ORDERS_CREATE", "ORDERS_DELETE", "ORDERS_DELETE"], orders.Select(s => s.GetProperty("topic").GetString()));
        Assert.Equal("https://other.example.com/hooks", Assert.Single(atOther).GetProperty("uri").GetString());
        Assert.Equal("ORDERS_CREATE", found.GetProperty("webhookSubscription").GetProperty("topic").GetString());
    }

    [Fact]
    public async Task A_deleted_subscription_is_gone_and_deleting_it_again_is_a_user_error()
    {
        var shop = await simulator.CreateShopAsync();
        var id = (await shop.CreateSubscriptionAsync("ORDERS_CREATE", new { uri = Address })).GetProperty("webhookSubscription").Id();
        const string Delete = "mutation D($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } } }";

        var deleted = (await shop.DataAsync(Delete, new { id })).GetProperty("webhookSubscriptionDelete");
        var again = (await shop.DataAsync(Delete, new { id })).GetProperty("webhookSubscriptionDelete");
        var left = await shop.WalkAsync("webhookSubscriptions", "id");

        Assert.Equal(id, deleted.GetProperty("deletedWebhookSubscriptionId").GetString());
        Assert.Equal(0, deleted.GetProperty("userErrors").GetArrayLength());
        Assert.Equal("Webhook subscription does not exist", Assert.Single(again.GetProperty("userErrors").EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("deletedWebhookSubscriptionId").ValueKind);
        Assert.Empty(left);
    }

    [Fact]
    public async Task A_subscription_mutation_costs_ten_points_like_every_mutation()
    {
        var shop = await simulator.CreateShopAsync();

        var response = await shop.QueryAsync(
            "mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: \"https://app.example.com\" }) { userErrors { message } } }");

        Assert.Equal(10, response.Cost().GetProperty("requestedQueryCost").GetInt32());
    }
}
