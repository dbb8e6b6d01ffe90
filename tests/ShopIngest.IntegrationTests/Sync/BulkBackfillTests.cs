using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// A first sync above the bulk threshold goes through a Shopify bulk export: the simulator exports at its own pace, the
/// engine polls, stages the JSONL and ingests it, then hands over to the paged syncs at the export's creation.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class BulkBackfillTests(AppHostFixture fixture)
{
    /// <summary>Quick polls, and a threshold the test shops straddle: 40 products page, 300 customers and 600 orders export.</summary>
    private static Dictionary<string, string?> BulkSettings(int writeBatchSize = 1000) => new()
    {
        ["Sync:BulkThreshold"] = "100",
        ["Sync:BulkPollInitialDelay"] = "00:00:00.050",
        ["Sync:BulkPollMaxDelay"] = "00:00:00.200",
        ["Sync:WriteBatchSize"] = writeBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sync:BulkWriteBatchSize"] = writeBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_first_sync_above_the_threshold_exports_in_bulk_one_below_it_pages_and_both_land_exactly_the_shops_records()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 40, customers: 300, orders: 600);
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings());

        await engine.SyncAsync(tenant.Id);

        var runs = await SyncedData.RunModesAsync(fixture, tenant.Id);
        Assert.All(runs, run => Assert.True(run.Status == "succeeded", $"the {run.Resource} run {run.Status}: {run.Error}"));
        Assert.Equal("paged", runs.Single(r => r.Resource == "products").Mode);
        foreach (var (resource, count) in new[] { ("customers", 300L), ("orders", 600L) })
        {
            var run = runs.Single(r => r.Resource == resource);
            Assert.True(run.Mode == "bulk", $"the {resource} run was {run.Mode}");
            Assert.Equal("COMPLETED", run.BulkStatus);
            Assert.StartsWith("gid://shopify/BulkOperation/", run.BulkOperationId, StringComparison.Ordinal);
            Assert.Equal(count, run.ExpectedRecords);
            Assert.Equal(count, run.BulkRootObjectCount);
            Assert.Equal(count, run.RecordsFetched);
        }

        Assert.True(runs.Single(r => r.Resource == "orders").BulkObjectCount > 600, "the orders export counted its line items as objects too");
        Assert.Equal(2, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
        Assert.Empty(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        await SyncedData.AssertMatchesShopAsync(fixture, tenant);
    }

    [Fact]
    public async Task What_changes_while_Shopify_exports_is_fetched_by_the_next_paged_run()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 600);
        await tenant.Shop.SetSettingsAsync(new { bulkExportObjectsPerSecond = 300 });
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings());

        var firstSync = engine.SyncAsync(tenant.Id, default, SyncResource.Orders);
        await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunModesAsync(fixture, tenant.Id)) is [{ BulkStatus: "RUNNING" }]);
        await tenant.Shop.ChangeAsync(new { create = new { orders = 4 }, update = new { orders = 25 } });
        await firstSync;

        var cursor = await SyncedData.CursorAsync(fixture, tenant.Id, "orders");
        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var runs = await SyncedData.RunModesAsync(fixture, tenant.Id);
        Assert.Equal(["bulk", "paged"], runs.Select(r => r.Mode));
        Assert.NotNull(cursor);
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task A_failed_export_falls_back_to_paging_and_the_run_says_so()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 400);
        await tenant.Shop.SetFaultsAsync(new { bulkFailRate = 1.0 });
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings());

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run.Status == "succeeded", $"the run {run.Status}: {run.Error}");
        Assert.Equal("paged", run.Mode);
        Assert.Equal("FAILED", run.BulkStatus);
        Assert.Contains("paged instead", run.Notice, StringComparison.Ordinal);
        Assert.Empty(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task An_expired_result_is_exported_again()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 400);
        await tenant.Shop.SetFaultsAsync(new { bulkUrlExpiredRate = 1.0 });
        await tenant.Shop.SetSettingsAsync(new { bulkExportObjectsPerSecond = 500 });
        await using var engine = await SyncEngine.CreateAsync(fixture, BulkSettings());

        var sync = engine.SyncAsync(tenant.Id, default, SyncResource.Orders);
        await SyncedData.WaitUntilAsync(async () => (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64() >= 1);
        await tenant.Shop.SetFaultsAsync(null);
        await sync;

        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run.Status == "succeeded", $"the run {run.Status}: {run.Error}");
        Assert.Equal("bulk", run.Mode);
        Assert.Equal(2, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task A_Host_stopped_while_Shopify_exports_polls_the_same_export_when_it_runs_again()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 800);
        await tenant.Shop.SetSettingsAsync(new { bulkExportObjectsPerSecond = 400 });
        using var stop = new CancellationTokenSource();
        await using (var stopped = await SyncEngine.CreateAsync(fixture, BulkSettings()))
        {
            var running = stopped.SyncAsync(tenant.Id, stop.Token, SyncResource.Orders);
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunModesAsync(fixture, tenant.Id)) is [{ BulkStatus: "RUNNING" }]);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }

        var open = Assert.Single(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        Assert.NotNull(open.OperationId);

        await using (var restarted = await SyncEngine.CreateAsync(fixture, BulkSettings()))
        {
            await restarted.SyncAsync(tenant.Id, default, SyncResource.Orders);
        }

        var resumed = (await SyncedData.RunModesAsync(fixture, tenant.Id))[^1];
        Assert.True(resumed.Status == "succeeded", $"the resumed run {resumed.Status}: {resumed.Error}");
        Assert.Equal(open.OperationId, resumed.BulkOperationId);
        Assert.Equal(1, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task A_Host_stopped_while_ingesting_resumes_after_its_last_committed_write()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 1500);
        using var stop = new CancellationTokenSource();
        await using (var stopped = await SyncEngine.CreateAsync(fixture, BulkSettings(writeBatchSize: 25)))
        {
            var running = stopped.SyncAsync(tenant.Id, stop.Token, SyncResource.Orders);
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.OpenExportsAsync(fixture, tenant.Id)) is [{ IngestedThrough: > 0 }]);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }

        var open = Assert.Single(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        var ingested = (await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Count;
        Assert.InRange(ingested, 25, 1499);

        await using (var restarted = await SyncEngine.CreateAsync(fixture, BulkSettings()))
        {
            await restarted.SyncAsync(tenant.Id, default, SyncResource.Orders);
        }

        var resumed = (await SyncedData.RunModesAsync(fixture, tenant.Id))[^1];
        Assert.True(resumed.Status == "succeeded", $"the resumed run {resumed.Status}: {resumed.Error}");
        Assert.Equal(open.OperationId, resumed.BulkOperationId);
        Assert.Equal(1500 - ingested, resumed.RecordsFetched);
        Assert.Equal(1, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task A_Host_killed_while_Shopify_exports_polls_the_same_export_after_a_restart_and_ends_equal_to_the_shop()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 800);
        await tenant.Shop.SetSettingsAsync(new { bulkExportObjectsPerSecond = 300 });
        var settings = HostSettings(writeBatchSize: 1000);

        await using (var doomed = await HostProcess.StartAsync(fixture, settings))
        {
            await SyncOrdersAsync(doomed, tenant);
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunModesAsync(fixture, tenant.Id)) is [{ BulkStatus: "RUNNING" }]);
        }

        // Killed, not stopped: nothing had the chance to mark the run.
        Assert.Equal("running", Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id)).Status);

        await using (var restarted = await HostProcess.StartAsync(fixture, settings))
        {
            // Quartz on the new node recovers the dead node's firing and resumes the same run.
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunModesAsync(fixture, tenant.Id)) is [{ Status: not "running" }]);
        }

        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run.Status == "succeeded", $"the resumed run {run.Status}: {run.Error}");
        Assert.Equal(1, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
        Assert.Empty(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    [Fact]
    public async Task A_Host_killed_while_ingesting_goes_on_from_its_last_committed_write_after_a_restart_and_ends_equal_to_the_shop()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 1500);
        var settings = HostSettings(writeBatchSize: 25);

        await using (var doomed = await HostProcess.StartAsync(fixture, settings))
        {
            await SyncOrdersAsync(doomed, tenant);
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.OpenExportsAsync(fixture, tenant.Id)) is [{ IngestedThrough: > 0 }]);
        }

        var killedAt = Assert.Single(await SyncedData.OpenExportsAsync(fixture, tenant.Id));
        Assert.InRange((await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Count, 25, 1499);

        await using (var restarted = await HostProcess.StartAsync(fixture, settings))
        {
            await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunModesAsync(fixture, tenant.Id)) is [{ Status: not "running" }]);
        }

        var run = Assert.Single(await SyncedData.RunModesAsync(fixture, tenant.Id));
        Assert.True(run.Status == "succeeded", $"the resumed run {run.Status}: {run.Error}");
        Assert.Equal(killedAt.OperationId, run.BulkOperationId);
        Assert.Equal(1, (await tenant.Shop.StatsAsync()).GetProperty("bulkOperations").GetInt64());
        await SyncedData.AssertMatchesShopAsync(fixture, tenant, "orders");
    }

    /// <summary>A Host of its own Quartz cluster, syncing from the simulator with <see cref="BulkSettings"/>.</summary>
    private Dictionary<string, string> HostSettings(int writeBatchSize) => SyncingHost.Settings(fixture, "bulk-kill", BulkSettings(writeBatchSize));

    private static async Task SyncOrdersAsync(HostProcess host, SyncTestTenant tenant) => await SyncingHost.StartSyncAsync(host, tenant, "syncOrders");
}
