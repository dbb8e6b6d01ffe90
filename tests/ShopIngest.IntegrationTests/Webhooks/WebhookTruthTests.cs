using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;

namespace ShopIngest.IntegrationTests.Webhooks;

/// <summary>
/// A synced shop changed at random while its webhooks arrive duplicated, out of order and after lost first attempts:
/// once they are all in, the analytics equal the simulator's truth, and the stored records are the shop's.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class WebhookTruthTests(AppHostFixture fixture)
{
    [Fact]
    public async Task After_random_creates_updates_refunds_and_deletes_delivered_by_webhooks_with_duplicates_and_reordering_the_analytics_equal_the_shops_truth()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 20, customers: 60, orders: 300, currency: "CAD", timezone: "America/New_York");
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken, shop.WebhookSecret);
        using var client = fixture.CreateHostClient(tenant.Token);
        var registered = await (await client.PostGraphQLAsync("mutation { registerWebhooks { topics { status } } }")).ReadJsonAsync();
        Assert.True(registered.ErrorCode() is null, $"registerWebhooks failed: {registered}");
        await SyncAllAsync(client);

        await shop.SetSettingsAsync(new { webhookRetryBaseDelayMs = 100 });
        await shop.SetFaultsAsync(new { webhookDuplicateRate = 0.3, webhookReorderRate = 0.5, webhookReorderDelayMs = 400, webhookDropFirstAttemptRate = 0.1 });
        for (var round = 0; round < 6; round++)
        {
            await shop.ChangeAsync(new
            {
                create = new { products = 2, customers = 3, orders = 12 },
                update = new { products = 3, customers = 4, orders = 10 },
                cancel = new { orders = 2 },
                refund = new { orders = 3 },
                delete = new { products = 1, customers = 1, orders = 3 },
            });
        }

        await WaitForDeliveriesAsync(shop, tenant.Id);
        var stats = (await shop.StatsAsync()).GetProperty("faultsInjected");
        Assert.True(stats.GetProperty("webhookDuplicated").GetInt64() > 0 && stats.GetProperty("webhookReordered").GetInt64() > 0,
            "the simulator should have duplicated and reordered some deliveries");

        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        var truth = await simulator.GetFromJsonAsync<JsonElement>($"/_sim/shops/{shop.Domain}/truth");
        var data = await AnalyticsAsync(client);
        var analytics = data.GetProperty("stats");
        Assert.Equal(truth.GetProperty("totalOrders").GetInt64(), analytics.GetProperty("totalOrders").GetInt64());
        Assert.Equal(truth.GetProperty("totalRevenue").GetDecimal(), analytics.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(truth.GetProperty("grossRevenue").GetDecimal(), analytics.GetProperty("grossRevenue").GetDecimal());
        Assert.Equal(truth.GetProperty("customers").GetInt64(), analytics.GetProperty("totalCustomers").GetInt64());
        var months = data.GetProperty("salesByDate").EnumerateArray().ToList();
        Assert.Equal(truth.GetProperty("totalOrders").GetInt64(), months.Sum(m => m.GetProperty("orders").GetInt64()));
        Assert.Equal(truth.GetProperty("totalRevenue").GetDecimal(), months.Sum(m => m.GetProperty("revenue").GetDecimal()));
        await SyncedData.AssertMatchesShopAsync(fixture, new SyncTestTenant(tenant, shop));

        // Customer webhooks carry no lifetime totals since 2025-01; the customers sync that follows brings them.
        await SyncAsync(client, "syncCustomers");
        var top = (await AnalyticsAsync(client)).GetProperty("topCustomers").EnumerateArray()
            .Select(c => (c.GetProperty("shopifyId").GetString(), c.GetProperty("amountSpent").GetDecimal()));
        Assert.Equal(
            truth.GetProperty("topCustomers").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("amountSpent").GetDecimal())),
            top);
    }

    /// <summary>Waits until the simulator has nothing left to deliver and the tenant's inbox nothing left to apply.</summary>
    private async Task WaitForDeliveriesAsync(SimulatedShop shop, Guid tenantId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while ((await shop.StatsAsync()).GetProperty("webhooksPending").GetInt64() > 0
               || (await ShopifyDeliveries.InboxAsync(fixture, tenantId)).Any(row => !row.Processed))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }

        var rows = await ShopifyDeliveries.InboxAsync(fixture, tenantId);
        Assert.True(rows.All(row => row.Error is null), string.Join(Environment.NewLine, rows.Where(row => row.Error is not null).Select(row => $"{row.Topic}: {row.Error}")));
        Assert.Equal(0, (await shop.StatsAsync()).GetProperty("webhooksAbandoned").GetInt64());
    }

    private static async Task SyncAllAsync(HttpClient client)
    {
        var started = await (await client.PostGraphQLAsync("mutation { syncAll { id } }")).ReadJsonAsync();
        var runs = await SyncRuns.WaitAsync(client, [.. started.GetProperty("data").GetProperty("syncAll").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)]);
        Assert.All(runs, run => Assert.Equal("succeeded", run.GetProperty("status").GetString()));
    }

    private static async Task SyncAsync(HttpClient client, string mutation)
    {
        var started = await (await client.PostGraphQLAsync($"mutation {{ {mutation} {{ id }} }}")).ReadJsonAsync();
        var run = Assert.Single(await SyncRuns.WaitAsync(client, [started.GetProperty("data").GetProperty(mutation).GetProperty("id").GetString()!]));
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> AnalyticsAsync(HttpClient client)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await (await client.PostGraphQLAsync("""
            query($from: Date!, $to: Date!) {
              stats { totalRevenue grossRevenue totalOrders totalCustomers }
              topCustomers(first: 5) { shopifyId amountSpent }
              salesByDate(from: $from, to: $to, interval: MONTH) { orders revenue } }
            """, new
        {
            from = today.AddYears(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).ReadJsonAsync();
        Assert.True(response.ErrorCode() is null, $"the analytics query failed: {response}");
        return response.GetProperty("data");
    }
}
