using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Sync;
using Xunit.Abstractions;

namespace ShopIngest.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL restarted while a Host syncs (every connection of the Host ended under it): the interrupted runs end by
/// themselves, resumed or failed, none left running; the Host serves again without being restarted; the next sync
/// completes and the shop's data ends exactly as Shopify has it.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class PostgresRestartTests(AppHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task PostgreSQL_restarted_in_the_middle_of_a_sync_leaves_no_run_running_and_the_next_sync_completes()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 100, customers: 600, orders: 1500);
        var settings = SyncingHost.Settings(fixture, "postgres-restart", SyncingHost.SmallWrites);
        await using var host = await HostProcess.StartAsync(fixture, settings);

        await SyncingHost.StartSyncAsync(host, tenant);
        await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunsAsync(fixture, tenant.Id)).Sum(run => run.RecordsFetched) >= 300);
        await fixture.RestartPostgresAsync();

        try
        {
            await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
        }
        catch
        {
            output.WriteLine(host.Output);
            throw;
        }

        foreach (var run in await SyncedData.RunsAsync(fixture, tenant.Id))
        {
            output.WriteLine($"interrupted {run.Resource} run: {run.Status} after {run.RecordsFetched} records, {run.Error}");
        }

        using var dashboard = host.CreateClient(tenant.Tenant.Token);
        var stats = await (await dashboard.PostGraphQLAsync("{ stats { totalOrders } }")).ReadJsonAsync();
        Assert.True(stats.ErrorCode() is null, $"After the restart the Host answered the dashboard with {stats}");

        await SyncingHost.StartSyncAsync(host, tenant);
        await SyncOutcome.WaitUntilNoRunIsRunningAsync(fixture, tenant);
        await SyncOutcome.AssertEqualsShopAsync(fixture, tenant);
    }
}
