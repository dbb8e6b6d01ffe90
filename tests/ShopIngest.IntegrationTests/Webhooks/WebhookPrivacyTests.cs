using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;
using static ShopIngest.IntegrationTests.Webhooks.ShopifyDeliveries;

namespace ShopIngest.IntegrationTests.Webhooks;

/// <summary>
/// Deletions and the mandatory compliance topics, delivered as webhooks: a deletion sticks, a redacted customer's personal
/// data is nowhere in the database (the inbox included), a data request is recorded, a redacted shop leaves nothing.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class WebhookPrivacyTests(AppHostFixture fixture)
{
    private const string Secret = "shpss_privacy_test_secret";

    [Fact]
    public async Task A_deleted_order_leaves_the_stats_and_a_late_update_does_not_bring_it_back()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var order = Fixture("webhooks/orders-updated-refunded.json");
        await DeliverAsync(tenant, "orders/create", order);
        await WaitUntilProcessedAsync(fixture, tenant.Id, 1);
        Assert.Equal(1, (await StatsAsync(tenant)).GetProperty("totalOrders").GetInt64());

        await DeliverAsync(tenant, "orders/delete", "{\"id\": 6300000000000123}");
        await DeliverAsync(tenant, "orders/updated", order);

        await WaitUntilProcessedAsync(fixture, tenant.Id, 3);
        var stats = await StatsAsync(tenant);
        Assert.Equal((0L, 0m), (stats.GetProperty("totalOrders").GetInt64(), stats.GetProperty("totalRevenue").GetDecimal()));
    }

    [Fact]
    public async Task A_redacted_customers_personal_data_is_nowhere_in_the_database_not_even_in_the_webhook_inbox()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var marker = Guid.NewGuid().ToString("N")[..12];
        var customer = JsonNode.Parse(Fixture("webhooks/customers-create.json"))!.AsObject();
        customer["first_name"] = $"Grace{marker}";
        customer["last_name"] = $"Hopper{marker}";
        customer["email"] = $"grace.{marker}@example.com";
        customer["phone"] = $"+1613{marker[..7]}";
        customer["default_address"]!["city"] = $"Arlington{marker}";
        var order = JsonNode.Parse(Fixture("webhooks/orders-updated-refunded.json"))!.AsObject();
        order["email"] = $"grace.{marker}@example.com";
        order["customer"] = new JsonObject { ["id"] = 706405506930370084 };
        await DeliverAsync(tenant, "customers/create", customer.ToJsonString());
        await DeliverAsync(tenant, "orders/create", order.ToJsonString());
        await WaitUntilProcessedAsync(fixture, tenant.Id, 2);
        Assert.NotEmpty(await PersonalDataSearch.FindAsync(fixture, marker));

        var redact = JsonNode.Parse(Fixture("webhooks/customers-redact.json"))!.AsObject();
        redact["customer"] = new JsonObject { ["id"] = 706405506930370084, ["email"] = $"grace.{marker}@example.com", ["phone"] = $"+1613{marker[..7]}" };
        redact["orders_to_redact"] = new JsonArray(6300000000000123);
        await DeliverAsync(tenant, "customers/redact", redact.ToJsonString());
        // The same customer's data arriving again, late, is stored erased.
        await DeliverAsync(tenant, "customers/update", customer.ToJsonString());
        await WaitUntilProcessedAsync(fixture, tenant.Id, 4);

        var found = await PersonalDataSearch.FindAsync(fixture, marker);
        Assert.True(found.Count == 0, $"The redacted customer's personal data is still in {string.Join(", ", found)}.");
        var stats = await StatsAsync(tenant);
        Assert.Equal((1L, 30.00m), (stats.GetProperty("totalOrders").GetInt64(), stats.GetProperty("totalRevenue").GetDecimal()));
    }

    [Fact]
    public async Task The_simulators_compliance_topics_are_applied_a_data_request_recorded_and_a_redacted_shop_erased()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 5, customers: 10, orders: 30);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken, shop.WebhookSecret);
        using var client = fixture.CreateHostClient(tenant.Token);
        var started = await (await client.PostGraphQLAsync("mutation { syncAll { id } }")).ReadJsonAsync();
        await SyncRuns.WaitAsync(client, [.. started.GetProperty("data").GetProperty("syncAll").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)]);
        await shop.SetSettingsAsync(new { complianceWebhookUri = fixture.App.GetEndpoint("host", "http").ToString().TrimEnd('/') + "/webhooks/shopify" });
        var customerId = (await shop.RecordsAsync("customers"))[0].Id;

        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        using (var request = await simulator.PostAsJsonAsync($"/_sim/shops/{shop.Domain}/privacy", new { topic = "customers/data_request", customerId }))
        {
            Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        }

        await WaitUntilProcessedAsync(fixture, tenant.Id, 1);
        var requests = (await (await client.PostGraphQLAsync("{ customerDataRequests { customerId export } }")).ReadJsonAsync())
            .GetProperty("data").GetProperty("customerDataRequests");
        Assert.Equal($"gid://shopify/Customer/{customerId}", Assert.Single(requests.EnumerateArray()).GetProperty("customerId").GetString());

        using (var redact = await simulator.PostAsJsonAsync($"/_sim/shops/{shop.Domain}/privacy", new { topic = "shop/redact" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, redact.StatusCode);
        }

        await WaitUntilNothingIsLeftAsync(tenant.Id, "shop/redact");

        var me = (await (await client.PostGraphQLAsync("{ me { shop { credentialsError hasOwnWebhookSecret } } }")).ReadJsonAsync()).GetProperty("data").GetProperty("me").GetProperty("shop");
        Assert.Contains("erased", me.GetProperty("credentialsError").GetString(), StringComparison.Ordinal);
        Assert.False(me.GetProperty("hasOwnWebhookSecret").GetBoolean());

        // Shopify's late copies and any straggler are acknowledged and dropped: the shop is no tenant to listen to any more.
        using var straggler = await fixture.SendAsync(tenant.Shop, "orders/create", Fixture("webhooks/orders-updated-refunded.json"), shop.WebhookSecret);
        Assert.Equal(HttpStatusCode.OK, straggler.StatusCode);
        // One stored all the same (by a replica that had not heard of the redaction, or by a request that found the shop
        // just before it and stored just after) is dropped unapplied, row and all.
        await StoreWithoutTheReceiverAsync(fixture, tenant.Id, "orders/create", Fixture("webhooks/orders-updated-refunded.json"));
        await WaitUntilNothingIsLeftAsync(tenant.Id, "a straggler stored after shop/redact");
    }

    private async Task WaitUntilNothingIsLeftAsync(Guid tenantId, string after)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await RowsOfAsync(tenantId)).Count > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3),
                $"Three minutes after {after} the shop still has rows in {string.Join(", ", await RowsOfAsync(tenantId))}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task DeliverAsync(TestTenant tenant, string topic, string body)
    {
        using var response = await fixture.SendAsync(tenant.Shop, topic, body, Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> StatsAsync(TestTenant tenant)
    {
        using var client = fixture.CreateHostClient(tenant.Token);
        var json = await (await client.PostGraphQLAsync("{ stats { totalOrders totalRevenue } }")).ReadJsonAsync();
        return json.GetProperty("data").GetProperty("stats");
    }

    /// <summary>Each table of catalog, sales and sync that still holds rows of the tenant, with their count, as the database owner.</summary>
    private async Task<List<string>> RowsOfAsync(Guid tenantId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', c.table_schema, c.table_name) FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' AND c.table_schema IN ('catalog', 'sales', 'sync')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.True(tables.Count >= 10, $"expected the tenant tables of catalog, sales and sync, found {string.Join(", ", tables)}");
        var left = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE tenant_id = $1", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            if ((long)(await count.ExecuteScalarAsync())! is var rows and > 0)
            {
                left.Add($"{table} ({rows})");
            }
        }

        return left;
    }
}
