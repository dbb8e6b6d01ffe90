using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;

namespace ShopIngest.IntegrationTests.Faults;

/// <summary>Where every fault test must end, however the sync was interrupted.</summary>
internal static class SyncOutcome
{
    /// <summary>Waits (bounded) until none of the tenant's runs is <c>running</c> any more; fails naming those that still are.</summary>
    public static async Task WaitUntilNoRunIsRunningAsync(AppHostFixture fixture, SyncTestTenant tenant)
    {
        try
        {
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunsAsync(fixture, tenant.Id)).All(run => run.Status != "running"));
        }
        catch (OperationCanceledException)
        {
            var running = (await SyncedData.RunsAsync(fixture, tenant.Id)).Where(run => run.Status == "running")
                .Select(run => $"{run.Resource} (started {run.StartedAt:O}, {run.RecordsFetched} records fetched)");
            throw new Xunit.Sdk.XunitException($"Runs still running after three minutes: {string.Join(", ", running)}");
        }
    }

    /// <summary>
    /// No run is left <c>running</c>, the run of each resource that finished last succeeded, the stored records are the shop's (the
    /// same ids at the same updatedAt: none lost, none stale), and the dashboard's totals, read from the rollups every
    /// write maintains by deltas, are the shop's truth (no write counted twice).
    /// with every failure saying <paramref name="replay"/>: how to replay the test (its seed).
    /// </summary>
    public static async Task AssertEqualsShopAsync(AppHostFixture fixture, SyncTestTenant tenant, string replay = "")
    {
        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        var running = runs.Where(run => run.Status == "running").ToList();
        Assert.True(running.Count == 0, $"{running.Count} runs left running ({string.Join(", ", running.Select(r => r.Resource))}).{Replay(replay)}");
        // The run that finished last decides: a run stopped by a kill is marked interrupted when the next one of its
        // tenant starts, which may be one requested before it (a manual sync its scheduler recovered).
        foreach (var latest in runs.GroupBy(run => run.Resource).Select(resource => resource.MaxBy(run => run.FinishedAt)!))
        {
            Assert.True(latest.Status == "succeeded", $"the last {latest.Resource} run {latest.Status}: {latest.Error}.{Replay(replay)}");
        }

        try
        {
            await SyncedData.AssertMatchesShopAsync(fixture, tenant);
        }
        catch (Xunit.Sdk.XunitException mismatch)
        {
            throw new Xunit.Sdk.XunitException($"{mismatch.Message}.{Replay(replay)}");
        }

        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        var truth = await simulator.GetFromJsonAsync<JsonElement>($"/_sim/shops/{tenant.Shop.Domain}/truth");
        using var dashboard = fixture.CreateHostClient(tenant.Tenant.Token);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var answer = await (await dashboard.PostGraphQLAsync("""
            query($from: Date!, $to: Date!) {
              stats { totalRevenue grossRevenue totalOrders totalCustomers }
              salesByDate(from: $from, to: $to, interval: MONTH) { orders revenue } }
            """, new { from = Day(today.AddYears(-3)), to = Day(today.AddDays(2)) })).ReadJsonAsync();
        Assert.True(answer.ErrorCode() is null, $"the dashboard answered {answer}");
        var stats = answer.GetProperty("data").GetProperty("stats");
        var months = answer.GetProperty("data").GetProperty("salesByDate").EnumerateArray().ToList();
        var expected = (Revenue: truth.GetProperty("totalRevenue").GetDecimal(), Gross: truth.GetProperty("grossRevenue").GetDecimal(),
            Orders: truth.GetProperty("totalOrders").GetInt64(), Customers: truth.GetProperty("customers").GetInt64());
        var stored = (Revenue: stats.GetProperty("totalRevenue").GetDecimal(), Gross: stats.GetProperty("grossRevenue").GetDecimal(),
            Orders: stats.GetProperty("totalOrders").GetInt64(), Customers: stats.GetProperty("totalCustomers").GetInt64());
        Assert.True(expected == stored, $"the shop's totals are {expected}, the dashboard's {stored}.{Replay(replay)}");
        var charted = (Orders: months.Sum(m => m.GetProperty("orders").GetInt64()), Revenue: months.Sum(m => m.GetProperty("revenue").GetDecimal()));
        Assert.True(charted == (expected.Orders, expected.Revenue), $"the shop's counted orders and revenue are {(expected.Orders, expected.Revenue)}, the sales chart's {charted}.{Replay(replay)}");
    }

    private static string Replay(string replay) => replay.Length == 0 ? "" : $" {replay}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
