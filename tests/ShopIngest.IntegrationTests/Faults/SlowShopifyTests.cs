using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;
using ShopIngest.TestSupport;

namespace ShopIngest.IntegrationTests.Faults;

/// <summary>
/// Shopify answering slowly (seconds per request) while a merchant uses the dashboard: the Host that syncs answers the
/// dashboard's questions while a slow request of its sync is still pending, so they never queue behind Shopify.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class SlowShopifyTests(AppHostFixture fixture)
{
    /// <summary>How long Shopify takes for each request: long enough that the dashboard has nothing to wait for but the sync.</summary>
    private const int ShopifyLatencyMs = 15_000;

    private const int DashboardClients = 8;

    [Fact]
    public async Task While_a_sync_waits_seconds_for_each_Shopify_answer_eight_dashboards_are_answered_before_it_is()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 40, customers: 300, orders: 800);
        await using var host = await HostProcess.StartAsync(fixture, SyncingHost.Settings(fixture, "slow-shopify", new Dictionary<string, string?>
        {
            ["Sync:RequestTimeout"] = "00:01:00",
        }));
        await SyncingHost.StartSyncAsync(host, tenant);
        await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
        var dashboards = Enumerable.Range(0, DashboardClients).Select(_ => host.CreateClient(tenant.Tenant.Token)).ToList();
        // Each client once, so that what follows measures a warm Host (compiled code, open connections).
        Assert.All((await Task.WhenAll(dashboards.Select(DashboardVisit.AskAllAsync))).SelectMany(a => a), answer => Assert.Null(answer.Failure));

        await tenant.Shop.ChangeAsync(new { update = new { orders = 300 } });
        await tenant.Shop.SetFaultsAsync(new { latencyMs = ShopifyLatencyMs });
        var delayedBefore = await DelayedRequestsAsync(tenant);
        await SyncingHost.StartSyncAsync(host, tenant, "syncOrders");
        await SyncedData.WaitUntilAsync(async () => await DelayedRequestsAsync(tenant) > delayedBefore);
        var pending = await SyncStateAsync(tenant);

        var answers = (await Task.WhenAll(dashboards.Select(DashboardVisit.AskAllAsync))).SelectMany(a => a).ToList();

        var afterwards = await SyncStateAsync(tenant);
        Assert.True(pending == afterwards,
            $"The dashboards were answered only after the sync's slow Shopify request: requests and pages went from {pending} to {afterwards}");
        Assert.True(pending.Running, "The sync had ended before the dashboards asked");
        var failed = answers.Where(a => a.Failure is not null).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {answers.Count} dashboard answers failed: {string.Join("; ", failed.Take(5))}");

        // Shopify fast again: the orders run ends, and a sync of everything brings the customers whose totals changed.
        await tenant.Shop.SetFaultsAsync(null);
        await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
        await SyncingHost.StartSyncAsync(host, tenant);
        await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
        await SyncOutcome.AssertEqualsShopAsync(fixture, tenant);
        dashboards.ForEach(client => client.Dispose());
    }

    /// <summary>Requests Shopify has held back so far: each began the wait of one of the sync's requests.</summary>
    private static async Task<long> DelayedRequestsAsync(SyncTestTenant tenant) =>
        (await tenant.Shop.StatsAsync()).GetProperty("faultsInjected").GetProperty("latency").GetInt64();

    /// <summary>How far the sync is: requests Shopify received, pages the runs wrote, and whether one still runs.</summary>
    private async Task<(long Requests, int Pages, bool Running)> SyncStateAsync(SyncTestTenant tenant)
    {
        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        return (await tenant.Shop.RequestsAsync(), runs.Sum(run => run.Pages), runs.Any(run => run.Status == "running"));
    }
}
