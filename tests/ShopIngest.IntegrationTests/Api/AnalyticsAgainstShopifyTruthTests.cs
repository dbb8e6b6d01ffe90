using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;

namespace ShopIngest.IntegrationTests.Api;

/// <summary>A simulator shop synced through the real path: the dashboard's answers equal the shop's ground truth.</summary>
[Collection(AppHostTests.Name)]
public sealed class AnalyticsAgainstShopifyTruthTests(AppHostFixture fixture)
{
    [Fact]
    public async Task After_a_sync_stats_top_customers_and_sales_by_date_equal_the_simulators_truth()
    {
        // New York: two years of orders cross four daylight-saving changes.
        var shop = await SimulatedShop.CreateAsync(fixture, products: 30, customers: 300, orders: 2500, currency: "CAD", timezone: "America/New_York");
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);

        await RunAsync(client, "syncAll");

        await DashboardTruth.AssertEqualsShopAsync(fixture, client, shop.Domain, currency: "CAD");
    }

    [Fact]
    public async Task Without_webhooks_one_sync_and_one_reconciliation_after_creates_updates_cancels_refunds_and_deletes_equal_the_truth()
    {
        var shop = await SimulatedShop.CreateAsync(fixture, products: 20, customers: 200, orders: 800);
        var tenant = await fixture.SignUpAsync(shop.Domain, shop.AccessToken);
        using var client = fixture.CreateHostClient(tenant.Token);
        await RunAsync(client, "syncAll");

        await shop.ChangeAsync(new
        {
            create = new { products = 3, customers = 10, orders = 25 },
            update = new { products = 4, customers = 15, orders = 30 },
            delete = new { products = 2, customers = 6, orders = 12 },
            cancel = new { orders = 5 },
            refund = new { orders = 7 },
        });
        var runs = await RunAsync(client, "reconcile");

        Assert.True(runs.Sum(r => r.GetProperty("recordsDeleted").GetInt64()) > 0, "The runs removed none of the records the shop deleted.");
        await DashboardTruth.AssertEqualsShopAsync(fixture, client, shop.Domain);
        await SyncedData.AssertMatchesShopAsync(fixture, new SyncTestTenant(tenant, shop));
    }

    private static async Task<List<System.Text.Json.JsonElement>> RunAsync(HttpClient client, string mutation)
    {
        var started = await (await client.PostGraphQLAsync($"mutation {{ {mutation} {{ id }} }}")).ReadJsonAsync();
        var runs = await SyncRuns.WaitAsync(client, [.. started.GetProperty("data").GetProperty(mutation).EnumerateArray().Select(r => r.GetProperty("id").GetString()!)]);
        Assert.All(runs, run => Assert.Equal("succeeded", run.GetProperty("status").GetString()));
        return [.. runs];
    }
}
