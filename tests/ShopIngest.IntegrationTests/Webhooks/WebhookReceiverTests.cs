using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;
using ShopIngest.Modules.Sync.Webhooks.Inbox;
using static ShopIngest.IntegrationTests.Webhooks.ShopifyDeliveries;

namespace ShopIngest.IntegrationTests.Webhooks;

/// <summary>
/// <c>POST /webhooks/shopify</c> as Shopify calls it: a signed delivery is stored before the 200 and applied after it;
/// anything not signed with the shop's secret changes nothing.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class WebhookReceiverTests(AppHostFixture fixture)
{
    private const string Secret = "shpss_receiver_test_secret";

    [Fact]
    public async Task A_signed_order_is_stored_answered_200_and_then_counted_in_the_shops_stats()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);

        using var response = await fixture.SendAsync(tenant.Shop, "orders/updated", Fixture("webhooks/orders-updated-refunded.json"), Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await WaitUntilProcessedAsync(fixture, tenant.Id, 1));
        Assert.True(row.Error is null, $"the delivery was given up: {row.Error}");
        var stats = await StatsAsync(tenant);
        Assert.Equal(1, stats.GetProperty("totalOrders").GetInt64());
        Assert.Equal(30.00m, stats.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(50.00m, stats.GetProperty("grossRevenue").GetDecimal());
    }

    [Fact]
    public async Task The_documented_signed_delivery_is_accepted_byte_for_byte()
    {
        // signed-delivery.json: headers, raw body and the secret its signature was made with, for snowdevil.myshopify.com.
        using var fixtureJson = JsonDocument.Parse(Fixture("webhooks/signed-delivery.json"));
        var delivery = fixtureJson.RootElement;
        var headers = delivery.GetProperty("headers");
        var tenant = await fixture.SignUpAsync(headers.GetProperty("X-Shopify-Shop-Domain").GetString(), webhookSecret: delivery.GetProperty("secret").GetString());

        using var response = await fixture.SendAsync(
            tenant.Shop, headers.GetProperty("X-Shopify-Topic").GetString()!, delivery.GetProperty("body").GetString()!, "not the secret",
            headers.GetProperty("X-Shopify-Webhook-Id").GetString(), headers.GetProperty("X-Shopify-Hmac-Sha256").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await InboxAsync(fixture, tenant.Id));
        Assert.Equal(("545ebdd4-b7be-4d3d-b14e-54aa78e0e0f9", "orders/delete"), (row.WebhookId, row.Topic));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("missing")]
    [InlineData("not base64")]
    [InlineData("signed with another secret")]
    [InlineData("body changed after signing")]
    public async Task A_delivery_not_signed_with_the_shops_secret_gets_401_and_changes_nothing(string how)
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var body = Fixture("webhooks/orders-updated-refunded.json");
        var signature = how switch
        {
            "forged" => Convert.ToBase64String(new byte[32]),
            "missing" => "",
            "not base64" => "not-a-signature",
            "signed with another secret" => Sign(System.Text.Encoding.UTF8.GetBytes(body), "shpss_someone_else"),
            _ => Sign(System.Text.Encoding.UTF8.GetBytes(body.Replace("\"50.00\"", "\"5000.00\"", StringComparison.Ordinal)), Secret),
        };

        using var response = await fixture.SendAsync(tenant.Shop, "orders/updated", body, Secret, signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Empty(await InboxAsync(fixture, tenant.Id));
        Assert.Equal(0, (await StatsAsync(tenant)).GetProperty("totalOrders").GetInt64());
    }

    [Fact]
    public async Task A_shop_that_is_no_tenant_gets_200_and_nothing_is_stored()
    {
        var webhookId = Guid.NewGuid().ToString();

        using var response = await fixture.SendAsync($"unknown-{Guid.NewGuid():N}"[..20] + ".myshopify.com", "orders/updated",
            Fixture("webhooks/orders-updated-refunded.json"), Secret, webhookId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await CountEverywhereAsync(fixture, webhookId));
    }

    [Fact]
    public async Task A_shop_without_a_secret_on_a_server_without_one_cannot_be_verified_and_gets_401()
    {
        var tenant = await fixture.SignUpAsync();

        using var response = await fixture.SendAsync(tenant.Shop, "orders/updated", Fixture("webhooks/orders-updated-refunded.json"), "any");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await InboxAsync(fixture, tenant.Id));
    }

    [Fact]
    public async Task Copies_of_a_delivery_make_one_inbox_row_and_are_applied_once()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var webhookId = Guid.NewGuid().ToString();
        var body = Fixture("webhooks/orders-updated-refunded.json");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await fixture.SendAsync(tenant.Shop, "orders/updated", body, Secret, webhookId);
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Single(await WaitUntilProcessedAsync(fixture, tenant.Id, 1));
        Assert.Equal(1, await CountEverywhereAsync(fixture, webhookId));
        Assert.Equal(1, (await StatsAsync(tenant)).GetProperty("totalOrders").GetInt64());
    }

    [Fact]
    public async Task Deliveries_of_several_shops_stored_together_are_each_stored_and_one_the_database_refuses_fails_alone()
    {
        var tenants = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.SignUpAsync(webhookSecret: Secret)));
        var body = Fixture("webhooks/products-create.json");
        await using var dataSource = NpgsqlDataSource.Create(await fixture.OwnerConnectionStringAsync());
        var intake = new InboxIntake(new WebhookInbox(dataSource), new InboxSignal());
        static ReceivedDelivery Delivery(string payload) => new(Guid.NewGuid().ToString(), "products/create", "2025-10", DateTimeOffset.UtcNow, payload);

        // Handed over at once, as the receiver hands over deliveries under load, they are stored a group to a transaction.
        // A NUL character, which PostgreSQL's text refuses (the receiver turns such a body away before it gets here),
        // must cost only its own delivery.
        var adds = tenants.SelectMany(tenant => Enumerable.Range(0, 10).Select(_ => intake.AddAsync(tenant.Id, Delivery(body)))).ToList();
        var refused = intake.AddAsync(tenants[0].Id, Delivery("{\"title\": \"a\0b\"}"));

        var refusal = await Assert.ThrowsAsync<PostgresException>(() => refused);
        Assert.StartsWith("22", refusal.SqlState, StringComparison.Ordinal);
        await Task.WhenAll(adds);
        foreach (var tenant in tenants)
        {
            Assert.True((await InboxAsync(fixture, tenant.Id)).Count == 10, $"shop {tenant.Shop} should have its 10 deliveries stored");
        }
    }

    [Fact]
    public async Task An_update_delivered_after_a_newer_one_does_not_overwrite_it()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var product = JsonNode.Parse(Fixture("webhooks/products-create.json"))!.AsObject();
        var newer = Changed(product, "Organic Tee v2", "2025-03-10T12:00:00Z");
        var older = Changed(product, "Organic Tee v1", "2025-03-10T11:00:00Z");

        using (var first = await fixture.SendAsync(tenant.Shop, "products/update", newer, Secret))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await WaitUntilProcessedAsync(fixture, tenant.Id, 1);
        using (var late = await fixture.SendAsync(tenant.Shop, "products/update", older, Secret))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        await WaitUntilProcessedAsync(fixture, tenant.Id, 2);
        using var client = fixture.CreateHostClient(tenant.Token);
        var products = await (await client.PostGraphQLAsync("{ products(first: 5) { nodes { title updatedAt } } }")).ReadJsonAsync();
        var stored = Assert.Single(products.GetProperty("data").GetProperty("products").GetProperty("nodes").EnumerateArray());
        Assert.Equal("Organic Tee v2", stored.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_what_its_topic_carries_is_given_up_with_the_reason_and_the_others_of_its_batch_go_in()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var broken = JsonNode.Parse(Fixture("webhooks/orders-updated-refunded.json"))!.AsObject();
        broken.Remove("updated_at");

        using (var bad = await fixture.SendAsync(tenant.Shop, "orders/updated", broken.ToJsonString(), Secret))
        using (var good = await fixture.SendAsync(tenant.Shop, "products/create", Fixture("webhooks/products-create.json"), Secret))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (bad.StatusCode, good.StatusCode));
        }

        var rows = await WaitUntilProcessedAsync(fixture, tenant.Id, 2);
        Assert.Equal("orders/updated: updated_at is missing", rows.Single(r => r.Topic == "orders/updated").Error);
        Assert.Null(rows.Single(r => r.Topic == "products/create").Error);
    }

    [Fact]
    public async Task App_uninstalled_stops_the_shops_syncing_until_its_token_is_replaced()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);

        using var response = await fixture.SendAsync(tenant.Shop, "app/uninstalled", Fixture("webhooks/shop-update.json"), Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilProcessedAsync(fixture, tenant.Id, 1);
        using var client = fixture.CreateHostClient(tenant.Token);
        var shop = await ShopAsync(client);
        Assert.Contains("uninstalled", shop.GetProperty("credentialsError").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Id, await SyncableTenantsAsync());

        // Installed again, with a new token: syncing resumes.
        var replaced = await (await client.PostGraphQLAsync("mutation { updateShopAccessToken(accessToken: \"shpat_reinstalled\") { credentialsError } }")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("data").GetProperty("updateShopAccessToken").GetProperty("credentialsError").ValueKind);
        Assert.Contains(tenant.Id, await SyncableTenantsAsync());
    }

    [Fact]
    public async Task An_uninstall_triggered_before_the_token_was_replaced_leaves_the_new_token_alone()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        using var client = fixture.CreateHostClient(tenant.Token);
        await client.PostGraphQLAsync("mutation { updateShopAccessToken(accessToken: \"shpat_reinstalled\") { domain } }");

        using var late = await fixture.SendAsync(tenant.Shop, "app/uninstalled", Fixture("webhooks/shop-update.json"), Secret,
            triggeredAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        await WaitUntilProcessedAsync(fixture, tenant.Id, 1);
        Assert.Equal(JsonValueKind.Null, (await ShopAsync(client)).GetProperty("credentialsError").ValueKind);
    }

    [Fact]
    public async Task Shop_update_records_the_shops_currency_and_time_zone()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var body = JsonNode.Parse(Fixture("webhooks/shop-update.json"))!.AsObject();
        body["currency"] = "CAD";
        body["iana_timezone"] = "America/Toronto";

        using var response = await fixture.SendAsync(tenant.Shop, "shop/update", body.ToJsonString(), Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilProcessedAsync(fixture, tenant.Id, 1);
        using var client = fixture.CreateHostClient(tenant.Token);
        var shop = await ShopAsync(client);
        Assert.Equal(("CAD", "America/Toronto"), (shop.GetProperty("currency").GetString(), shop.GetProperty("timezone").GetString()));
    }

    [Fact]
    public async Task A_new_webhook_secret_set_by_the_shop_replaces_the_old_one_at_once()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        using var client = fixture.CreateHostClient(tenant.Token);

        var set = await (await client.PostGraphQLAsync("mutation { updateShopWebhookSecret(webhookSecret: \"shpss_rotated\") { hasOwnWebhookSecret } }")).ReadJsonAsync();

        Assert.True(set.GetProperty("data").GetProperty("updateShopWebhookSecret").GetProperty("hasOwnWebhookSecret").GetBoolean());
        using var old = await fixture.SendAsync(tenant.Shop, "products/create", Fixture("webhooks/products-create.json"), Secret);
        using var current = await fixture.SendAsync(tenant.Shop, "products/create", Fixture("webhooks/products-create.json"), "shpss_rotated");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (old.StatusCode, current.StatusCode));
        Assert.Single(await InboxAsync(fixture, tenant.Id));
    }

    [Fact]
    public async Task A_delivery_left_pending_is_applied_without_a_wake_as_after_a_restart()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        // Nothing wakes the processor for it: only its poll finds it.
        await StoreWithoutTheReceiverAsync(fixture, tenant.Id, "products/create", Fixture("webhooks/products-create.json"));

        var row = Assert.Single(await WaitUntilProcessedAsync(fixture, tenant.Id, 1));

        Assert.Null(row.Error);
    }

    private static string Changed(JsonObject product, string title, string updatedAt)
    {
        var copy = product.DeepClone().AsObject();
        copy["title"] = title;
        copy["updated_at"] = updatedAt;
        return copy.ToJsonString();
    }

    private async Task<JsonElement> StatsAsync(TestTenant tenant)
    {
        using var client = fixture.CreateHostClient(tenant.Token);
        var json = await (await client.PostGraphQLAsync("{ stats { totalOrders totalRevenue grossRevenue } }")).ReadJsonAsync();
        return json.GetProperty("data").GetProperty("stats");
    }

    private static async Task<JsonElement> ShopAsync(HttpClient client) =>
        (await (await client.PostGraphQLAsync("{ me { shop { currency timezone credentialsError } } }")).ReadJsonAsync())
            .GetProperty("data").GetProperty("me").GetProperty("shop");

    private async Task<IReadOnlyList<Guid>> SyncableTenantsAsync()
    {
        await using var engine = await SyncEngine.CreateAsync(fixture);
        return await engine.SyncableTenantsAsync();
    }
}
