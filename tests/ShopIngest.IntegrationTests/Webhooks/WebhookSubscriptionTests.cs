using System.Text.Json;
using Aspire.Hosting.Testing;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;

namespace ShopIngest.IntegrationTests.Webhooks;

/// <summary>
/// With Webhooks:PublicBaseUrl set (the app host sets it to the Host's address), shops are subscribed to webhooks: when
/// they are registered, and by <c>registerWebhooks</c>, which may be repeated.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class WebhookSubscriptionTests(AppHostFixture fixture)
{
    private static readonly string[] Topics =
    [
        "APP_UNINSTALLED", "CUSTOMERS_CREATE", "CUSTOMERS_DELETE", "CUSTOMERS_UPDATE", "ORDERS_CANCELLED", "ORDERS_CREATE", "ORDERS_DELETE",
        "ORDERS_UPDATED", "PRODUCTS_CREATE", "PRODUCTS_DELETE", "PRODUCTS_UPDATE", "SHOP_UPDATE",
    ];

    private string CallbackUrl => fixture.App.GetEndpoint("host", "http").ToString().TrimEnd('/') + "/webhooks/shopify";

    private const string RegisterMutation = "mutation { registerWebhooks { callbackUrl removed topics { topic status message } } }";

    [Fact]
    public async Task Registering_subscribes_the_shop_to_every_topic_at_the_Hosts_address_and_registering_again_changes_nothing()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 1, customers: 1, orders: 1);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);

        var first = await RegisterAsync(client);

        Assert.Equal(CallbackUrl, first.GetProperty("callbackUrl").GetString());
        Assert.All(first.GetProperty("topics").EnumerateArray(), topic => Assert.Equal("CREATED", topic.GetProperty("status").GetString()));
        var subscribed = await shop.WebhookSubscriptionsAsync();
        Assert.Equal(Topics, subscribed.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.All(subscribed, s => Assert.Equal(CallbackUrl, s.Uri));

        var again = await RegisterAsync(client);

        Assert.Equal(0, again.GetProperty("removed").GetInt32());
        Assert.All(again.GetProperty("topics").EnumerateArray(), topic => Assert.Equal("EXISTING", topic.GetProperty("status").GetString()));
        Assert.Equal(subscribed.Order(), (await shop.WebhookSubscriptionsAsync()).Order());
    }

    [Fact]
    public async Task A_shop_created_on_the_command_line_with_its_webhook_secret_is_subscribed_by_the_cluster()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 1, customers: 1, orders: 1);

        // The command only queues the subscription (in the clustered scheduler's tables); a running Host of the same
        // cluster makes it. The cluster is this test's own, so other tests' queued syncs cannot stand in its way.
        var cluster = SyncingHost.Settings(fixture, "hooks");
        cluster["Webhooks__PublicBaseUrl"] = "https://ingest.example.test";
        cluster["Webhooks__SubscribeNewShops"] = "true";
        await using var host = await HostProcess.StartAsync(fixture, cluster);
        var (exitCode, output, errors) = await HostProcess.RunToExitAsync(fixture, cluster,
            "create-tenant", "--email", $"hooks-{Guid.NewGuid():N}@example.test", "--password", "long-enough-pw", "--shop", shop.Domain,
            "--access-token", shop.AccessToken, "--webhook-secret", shop.WebhookSecret);

        Assert.True(exitCode == 0, $"create-tenant failed: {errors}");
        Assert.True(Guid.TryParse(output.Trim(), out var tenantId), $"create-tenant printed more than the tenant's id: {output}");
        var subscribed = await WaitForSubscriptionsAsync(shop, Topics.Length, () => host.Output);
        Assert.Equal(Topics, subscribed.Select(s => s.Topic).Order(StringComparer.Ordinal));

        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT t::text, protected_webhook_secret IS NOT NULL FROM identity.tenants t WHERE id = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenantId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(1), "the shop's webhook secret was not stored");
        Assert.DoesNotContain(shop.WebhookSecret, reader.GetString(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_replaces_a_subscription_to_a_former_address_and_makes_the_missing_ones()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 1, customers: 1, orders: 1);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);
        await RegisterAsync(client);
        var ordersCreate = (await shop.AdminQueryAsync("{ webhookSubscriptions(first: 1, topics: [ORDERS_CREATE]) { nodes { id } } }"))
            .GetProperty("data").GetProperty("webhookSubscriptions").GetProperty("nodes")[0].GetProperty("id").GetString();
        await shop.AdminQueryAsync("mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId } }", new { id = ordersCreate });
        await shop.AdminQueryAsync("""
            mutation { webhookSubscriptionCreate(topic: SHOP_UPDATE, webhookSubscription: { uri: "http://127.0.0.1:9/former-address", format: JSON }) {
              webhookSubscription { id } } }
            """);

        var registration = await RegisterAsync(client);

        Assert.Equal(1, registration.GetProperty("removed").GetInt32());
        var created = registration.GetProperty("topics").EnumerateArray().Where(t => t.GetProperty("status").GetString() == "CREATED").ToList();
        Assert.Equal("orders/create", Assert.Single(created).GetProperty("topic").GetString());
        var after = await shop.WebhookSubscriptionsAsync();
        Assert.Equal(Topics, after.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(after, s => s.Uri.Contains("former-address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_topic_the_token_may_not_read_is_reported_refused_with_Shopifys_reason_and_the_others_are_subscribed()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 1, customers: 1, orders: 1, scopes: ["read_products", "read_orders", "read_all_orders"]);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);

        var registration = await RegisterAsync(client);

        var refused = registration.GetProperty("topics").EnumerateArray().Where(t => t.GetProperty("status").GetString() == "REFUSED").ToList();
        Assert.Equal(["customers/create", "customers/delete", "customers/update"], refused.Select(t => t.GetProperty("topic").GetString()).Order(StringComparer.Ordinal));
        Assert.All(refused, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("message").GetString())));
        Assert.Equal(Topics.Length - 3, (await shop.WebhookSubscriptionsAsync()).Count);
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client)
    {
        var json = await (await client.PostGraphQLAsync(RegisterMutation)).ReadJsonAsync();
        Assert.True(json.ErrorCode() is null, $"registerWebhooks failed: {json}");
        return json.GetProperty("data").GetProperty("registerWebhooks");
    }

    /// <summary>
    /// Waits for the subscription queued at registration to be made (bounded: three minutes); when it is not, fails with
    /// what the Host logged.
    /// </summary>
    private static async Task<List<(string Topic, string Uri)>> WaitForSubscriptionsAsync(SimulatedShop shop, int count, Func<string> hostOutput)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var subscriptions = await shop.WebhookSubscriptionsAsync();
            if (subscriptions.Count >= count)
            {
                return subscriptions;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(3))
            {
                Assert.Fail($"The shop has {subscriptions.Count} of {count} subscriptions after three minutes. The Host logged:{Environment.NewLine}{hostOutput()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
