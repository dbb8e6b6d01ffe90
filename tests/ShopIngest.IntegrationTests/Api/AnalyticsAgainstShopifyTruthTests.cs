using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
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
        var started = await (await client.PostGraphQLAsync("mutation { syncAll { id } }")).ReadJsonAsync();
        var runs = await SyncRuns.WaitAsync(client, [.. started.GetProperty("data").GetProperty("syncAll").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)]);
        Assert.All(runs, run => Assert.Equal("succeeded", run.GetProperty("status").GetString()));
        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        var truth = await simulator.GetFromJsonAsync<JsonElement>($"/_sim/shops/{shop.Domain}/truth");

        // The simulator spreads orders over the two years before now: three years of months hold them all.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await (await client.PostGraphQLAsync("""
            query($from: Date!, $to: Date!) {
              stats { totalRevenue grossRevenue totalOrders averageOrderValue totalCustomers currency }
              topCustomers(first: 5) { shopifyId amountSpent numberOfOrders }
              salesByDate(from: $from, to: $to, interval: MONTH) { orders revenue } }
            """, new { from = today.AddYears(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).ReadJsonAsync();
        Assert.Null(response.ErrorCode());
        var data = response.GetProperty("data");

        var stats = data.GetProperty("stats");
        Assert.Equal(truth.GetProperty("totalRevenue").GetDecimal(), stats.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(truth.GetProperty("grossRevenue").GetDecimal(), stats.GetProperty("grossRevenue").GetDecimal());
        Assert.Equal(truth.GetProperty("totalOrders").GetInt64(), stats.GetProperty("totalOrders").GetInt64());
        Assert.Equal(truth.GetProperty("customers").GetInt64(), stats.GetProperty("totalCustomers").GetInt64());
        Assert.Equal("CAD", stats.GetProperty("currency").GetString());

        Assert.Equal(
            truth.GetProperty("topCustomers").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("amountSpent").GetDecimal())),
            data.GetProperty("topCustomers").EnumerateArray().Select(c => (c.GetProperty("shopifyId").GetString(), c.GetProperty("amountSpent").GetDecimal())));

        var months = data.GetProperty("salesByDate").EnumerateArray().ToList();
        Assert.Equal(truth.GetProperty("totalOrders").GetInt64(), months.Sum(m => m.GetProperty("orders").GetInt64()));
        Assert.Equal(truth.GetProperty("totalRevenue").GetDecimal(), months.Sum(m => m.GetProperty("revenue").GetDecimal()));
    }
}
