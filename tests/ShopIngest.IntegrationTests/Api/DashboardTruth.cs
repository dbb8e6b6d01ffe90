using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Api;

/// <summary>The dashboard's stats, top customers and sales by month, compared with the simulator's ground truth of the shop.</summary>
internal static class DashboardTruth
{
    public static async Task AssertEqualsShopAsync(AppHostFixture fixture, HttpClient client, string shopDomain, string? currency = null)
    {
        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        var truth = await simulator.GetFromJsonAsync<JsonElement>($"/_sim/shops/{shopDomain}/truth");

        // The simulator spreads orders over the two years before now: three years of months hold them all.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await (await client.PostGraphQLAsync("""
            query($from: Date!, $to: Date!) {
              stats { totalRevenue grossRevenue totalOrders averageOrderValue totalCustomers currency }
              topCustomers(first: 5) { shopifyId amountSpent numberOfOrders }
              salesByDate(from: $from, to: $to, interval: MONTH) { orders revenue } }
            """, new { from = Day(today.AddYears(-3)), to = Day(today.AddDays(2)) })).ReadJsonAsync();
        Assert.Null(response.ErrorCode());
        var data = response.GetProperty("data");

        var stats = data.GetProperty("stats");
        Assert.True(truth.GetProperty("totalRevenue").GetDecimal() == stats.GetProperty("totalRevenue").GetDecimal(),
            $"totalRevenue: the shop has {truth.GetProperty("totalRevenue")}, the dashboard {stats.GetProperty("totalRevenue")}");
        Assert.True(truth.GetProperty("grossRevenue").GetDecimal() == stats.GetProperty("grossRevenue").GetDecimal(),
            $"grossRevenue: the shop has {truth.GetProperty("grossRevenue")}, the dashboard {stats.GetProperty("grossRevenue")}");
        Assert.True(truth.GetProperty("totalOrders").GetInt64() == stats.GetProperty("totalOrders").GetInt64(),
            $"totalOrders: the shop has {truth.GetProperty("totalOrders")}, the dashboard {stats.GetProperty("totalOrders")}");
        Assert.True(truth.GetProperty("customers").GetInt64() == stats.GetProperty("totalCustomers").GetInt64(),
            $"customers: the shop has {truth.GetProperty("customers")}, the dashboard {stats.GetProperty("totalCustomers")}");
        if (currency is not null)
        {
            Assert.Equal(currency, stats.GetProperty("currency").GetString());
        }

        Assert.Equal(
            truth.GetProperty("topCustomers").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("amountSpent").GetDecimal())),
            data.GetProperty("topCustomers").EnumerateArray().Select(c => (c.GetProperty("shopifyId").GetString(), c.GetProperty("amountSpent").GetDecimal())));

        var months = data.GetProperty("salesByDate").EnumerateArray().ToList();
        Assert.Equal(truth.GetProperty("totalOrders").GetInt64(), months.Sum(m => m.GetProperty("orders").GetInt64()));
        Assert.Equal(truth.GetProperty("totalRevenue").GetDecimal(), months.Sum(m => m.GetProperty("revenue").GetDecimal()));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
