using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.IntegrationTests.Sync;

[Collection(AppHostTests.Name)]
public sealed class SyncEngineTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_full_sync_lands_exactly_the_shops_products_customers_and_orders()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 60, customers: 700, orders: 3000);
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        var stats = await tenant.Shop.StatsAsync();
        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.All(runs, run => Assert.Equal("succeeded", run.Status));
        Assert.Equal(3000, runs.Single(r => r.Resource == "orders").RecordsUpserted);
        Assert.Equal(0, stats.GetProperty("maxCostExceeded").GetInt64());
        Assert.Equal(stats.GetProperty("requests").GetInt64(), runs.Sum(r => r.Pages));
        Assert.Equal(stats.GetProperty("pointsSpent").GetInt64(), runs.Sum(r => r.ApiPoints));
        await SyncedData.AssertMatchesShopAsync(fixture, tenant);
    }

    [Fact]
    public async Task The_shops_currency_and_time_zone_are_recorded_on_the_tenant()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 3, customers: 3, orders: 3);
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id, default, SyncResource.Products);

        var credentials = await engine.CredentialsAsync(tenant.Id);
        Assert.Equal(tenant.Shop.Currency, credentials!.Currency);
        Assert.Equal(tenant.Shop.TimeZone, credentials.TimeZone);
    }

    [Fact]
    public async Task After_changes_in_the_shop_the_next_run_fetches_only_what_changed_since_its_cursor_minus_the_overlap()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 40, customers: 400, orders: 1500);
        await using var engine = await SyncEngine.CreateAsync(fixture);
        await engine.SyncAsync(tenant.Id);
        var cursors = new Dictionary<string, DateTimeOffset>();
        foreach (var resource in SimulatedShop.Resources)
        {
            cursors[resource] = (await SyncedData.CursorAsync(fixture, tenant.Id, resource))!.Value;
        }

        await tenant.Shop.ChangeAsync(new
        {
            create = new { products = 2, customers = 5, orders = 5 },
            update = new { products = 3, customers = 10, orders = 8 },
        });
        var requestsBefore = await tenant.Shop.RequestsAsync();
        var firstRuns = (await SyncedData.RunsAsync(fixture, tenant.Id)).Select(r => r.Id).ToHashSet();

        await engine.SyncAsync(tenant.Id);

        // Per resource, one page of changes and one page of deletion events.
        Assert.Equal(6, await tenant.Shop.RequestsAsync() - requestsBefore);
        var secondRuns = (await SyncedData.RunsAsync(fixture, tenant.Id)).Where(r => !firstRuns.Contains(r.Id)).ToList();
        foreach (var resource in SimulatedShop.Resources)
        {
            var since = cursors[resource] - TimeSpan.FromMinutes(5);
            var changedSince = (await tenant.Shop.RecordsAsync(resource)).Count(r => r.UpdatedAt >= since);
            Assert.Equal(changedSince, secondRuns.Single(r => r.Resource == resource).RecordsFetched);
        }

        await SyncedData.AssertMatchesShopAsync(fixture, tenant);
    }

    [Fact]
    public async Task With_server_errors_resets_throttling_malformed_answers_and_latency_the_end_state_is_that_of_a_clean_run()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 30, customers: 300, orders: 1000);
        await tenant.Shop.SetFaultsAsync(new { serverErrorRate = 0.1, resetConnectionRate = 0.05, throttledRate = 0.1, malformedJsonRate = 0.05, latencyMs = 2 });
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        await tenant.Shop.SetFaultsAsync(null);
        await SyncedData.AssertMatchesShopAsync(fixture, tenant);
        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.All(runs, run => Assert.Equal("succeeded", run.Status));
        var faults = (await tenant.Shop.StatsAsync()).GetProperty("faultsInjected");
        Assert.True(faults.GetProperty("serverError").GetInt64() > 0 && faults.GetProperty("malformedJson").GetInt64() > 0, faults.ToString());
        Assert.True(runs.Sum(r => r.Retries) > 0 && runs.Sum(r => r.ThrottledResponses) > 0, "the runs counted the retries and THROTTLED answers");
    }

    [Fact]
    public async Task A_run_that_gives_up_on_a_failing_shop_fails_cleanly_and_counts_the_retries_it_spent()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 5);
        await tenant.Shop.SetFaultsAsync(new { serverErrorRate = 1.0 });
        await using var engine = await SyncEngine.CreateAsync(fixture, new Dictionary<string, string?> { ["Sync:MaxTransientRetries"] = "2" });

        await engine.SyncAsync(tenant.Id, default, SyncResource.Orders);

        var run = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.Equal("failed", run.Status);
        Assert.Contains("after 3 attempts", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Retries);
        Assert.Equal(3, await tenant.Shop.RequestsAsync());
        Assert.Null(await SyncedData.CursorAsync(fixture, tenant.Id, "orders"));
    }

    [Fact]
    public async Task Resources_synced_side_by_side_share_the_shops_bucket_and_are_never_throttled()
    {
        // Each page asks for about 1000 points of a 1000-point bucket: the three runs must take turns to the point.
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 30, customers: 150, orders: 60, bucket: (1000, 400));
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        var stats = await tenant.Shop.StatsAsync();
        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.Equal(0, stats.GetProperty("throttled").GetInt64());
        Assert.All(runs, run => Assert.Equal("succeeded", run.Status));
        Assert.True(runs.Sum(r => r.ThrottleWaitMs) > 0, "the runs waited for the bucket");
        await SyncedData.AssertMatchesShopAsync(fixture, tenant);
    }

    [Fact]
    public async Task A_first_sync_killed_mid_way_resumes_every_slice_from_its_last_committed_write_and_ends_identical()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 2500);
        await tenant.Shop.SetFaultsAsync(new { latencyMs = 100 });
        using var kill = new CancellationTokenSource();
        await using (var doomed = await SyncEngine.CreateAsync(fixture, new Dictionary<string, string?> { ["Sync:WriteBatchSize"] = "250", ["Sync:BulkThreshold"] = "0" }))
        {
            var running = doomed.SyncAsync(tenant.Id, kill.Token, SyncResource.Orders);
            await SyncedData.WaitUntilAsync(async () => await SyncedData.RunsAsync(fixture, tenant.Id) is [{ RecordsUpserted: > 0 }]);
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }

        var killed = Assert.Single(await SyncedData.RunsAsync(fixture, tenant.Id));
        Assert.Equal("failed", killed.Status);
        Assert.Contains("interrupted", killed.Error, StringComparison.Ordinal);
        var cursor = await SyncedData.CursorAsync(fixture, tenant.Id, "orders");
        var slices = await SyncedData.OpenSlicesAsync(fixture, tenant.Id, "orders");
        Assert.NotEmpty(slices);
        Assert.InRange((await SyncedData.RecordsAsync(fixture, tenant.Id, "orders")).Count, 1, 2499);

        await tenant.Shop.SetFaultsAsync(null);
        await using (var restarted = await SyncEngine.CreateAsync(fixture, new Dictionary<string, string?> { ["Sync:BulkThreshold"] = "0" }))
        {
            await restarted.SyncAsync(tenant.Id, default, SyncResource.Orders);
        }

        // Each open slice is walked again from its own progress minus the overlap, and no further back.
        var overlap = TimeSpan.FromMinutes(5);
        var shopOrders = await tenant.Shop.RecordsAsync("orders");
        var refetchable = slices.Sum(slice => shopOrders.Count(order =>
            order.UpdatedAt >= Later(slice.StartsAt, slice.Cursor - overlap) && (slice.EndsAt is not { } end || order.UpdatedAt < end)));
        if (slices.All(slice => slice.EndsAt is not null))
        {
            refetchable += shopOrders.Count(order => order.UpdatedAt >= cursor!.Value - overlap);
        }

        var resumed = (await SyncedData.RunsAsync(fixture, tenant.Id))[^1];
        Assert.Equal("succeeded", resumed.Status);
        Assert.Equal(refetchable, resumed.RecordsFetched);
        Assert.Empty(await SyncedData.OpenSlicesAsync(fixture, tenant.Id, "orders"));
        Assert.Equal(shopOrders, await SyncedData.RecordsAsync(fixture, tenant.Id, "orders"));
    }

    [Fact]
    public async Task A_first_sync_walks_the_newest_slices_first()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 2500);
        await tenant.Shop.SetFaultsAsync(new { latencyMs = 100 });
        using var kill = new CancellationTokenSource();
        await using (var engine = await SyncEngine.CreateAsync(fixture, new Dictionary<string, string?>
        {
            ["Sync:WriteBatchSize"] = "250",
            ["Sync:BackfillWalkers"] = "2",
            ["Sync:BulkThreshold"] = "0",
        }))
        {
            var running = engine.SyncAsync(tenant.Id, kill.Token, SyncResource.Orders);
            await SyncedData.WaitUntilAsync(async () => await SyncedData.RunsAsync(fixture, tenant.Id) is [{ RecordsUpserted: > 0 }]);
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }

        // Two walkers, four slices: the two newest were taken first, so the two oldest are untouched and every order
        // stored so far is newer than they are.
        var slices = await SyncedData.OpenSlicesAsync(fixture, tenant.Id, "orders");
        Assert.True(slices.Count >= 2, $"{slices.Count} slices left open");
        var (oldest, nextOldest) = (slices[0], slices[1]);
        Assert.Null(oldest.Cursor);
        Assert.Null(nextOldest.Cursor);
        var stored = await SyncedData.RecordsAsync(fixture, tenant.Id, "orders");
        Assert.NotEmpty(stored);
        Assert.All(stored, order => Assert.True(order.UpdatedAt >= nextOldest.EndsAt, $"order {order.Id} of {order.UpdatedAt:O} is older"));
    }

    private static DateTimeOffset Later(DateTimeOffset start, DateTimeOffset? resumeFrom) => resumeFrom > start ? resumeFrom.Value : start;

    [Fact]
    public async Task A_refused_access_token_marks_the_tenants_credentials_rejected_and_stops_at_once()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 5, accessToken: "shpat_not_the_shops_token");
        await using var engine = await SyncEngine.CreateAsync(fixture);

        await engine.SyncAsync(tenant.Id);

        var runs = await SyncedData.RunsAsync(fixture, tenant.Id);
        Assert.Equal(3, runs.Count);
        Assert.All(runs, run => Assert.Contains("Shopify refused the access token", run.Error, StringComparison.Ordinal));
        Assert.DoesNotContain(tenant.Id, await engine.SyncableTenantsAsync());
        Assert.Equal(0, await tenant.Shop.RequestsAsync());
    }

    [Fact]
    public async Task Two_engines_racing_on_one_tenant_take_turns()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 600);
        await tenant.Shop.SetFaultsAsync(new { latencyMs = 10 });
        await using var first = await SyncEngine.CreateAsync(fixture);
        await using var second = await SyncEngine.CreateAsync(fixture);

        await Task.WhenAll(
            first.SyncAsync(tenant.Id, default, SyncResource.Orders),
            second.SyncAsync(tenant.Id, default, SyncResource.Orders),
            first.SyncAsync(tenant.Id, default, SyncResource.Orders));

        AssertNoTwoRunsOverlap(await SyncedData.RunsAsync(fixture, tenant.Id), expected: 3);
    }

    [Fact]
    public async Task Two_clustered_schedulers_never_sync_one_tenant_at_once()
    {
        var tenant = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 600);
        await tenant.Shop.SetFaultsAsync(new { latencyMs = 10 });
        var cluster = $"ShopIngest.Sync.Test.{Guid.NewGuid():N}";
        await using var first = await SyncEngine.CreateAsync(fixture, schedulerName: cluster);
        await using var second = await SyncEngine.CreateAsync(fixture, schedulerName: cluster);

        // One resource each: a second request for a resource still waiting to sync would get that run back.
        foreach (var (engine, resource) in new[] { (first, SyncResource.Orders), (second, SyncResource.Customers), (first, SyncResource.Products) })
        {
            await engine.Triggers.StartManualAsync(tenant.Id, [resource], CancellationToken.None);
        }

        await SyncedData.WaitUntilAsync(async () => (await SyncedData.RunsAsync(fixture, tenant.Id)).All(r => r.Status != "running"));
        AssertNoTwoRunsOverlap(await SyncedData.RunsAsync(fixture, tenant.Id), expected: 3);
    }

    [Fact]
    public async Task Two_engines_allowed_one_tenant_at_a_time_between_them_sync_two_tenants_one_after_the_other()
    {
        var first = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 300);
        var second = await SyncTestTenant.CreateAsync(fixture, products: 5, customers: 5, orders: 300);
        await first.Shop.SetFaultsAsync(new { latencyMs = 10 });
        await second.Shop.SetFaultsAsync(new { latencyMs = 10 });
        var oneAtATime = new Dictionary<string, string?> { ["Sync:MaxConcurrentTenants"] = "1" };
        await using var replicaA = await SyncEngine.CreateAsync(fixture, oneAtATime);
        await using var replicaB = await SyncEngine.CreateAsync(fixture, oneAtATime);

        await Task.WhenAll(replicaA.SyncAsync(first.Id, default, SyncResource.Orders), replicaB.SyncAsync(second.Id, default, SyncResource.Orders));

        var runs = (await SyncedData.RunsAsync(fixture, first.Id)).Concat(await SyncedData.RunsAsync(fixture, second.Id)).ToList();
        AssertNoTwoRunsOverlap(runs, expected: 2);
    }

    private static void AssertNoTwoRunsOverlap(List<RunRow> runs, int expected)
    {
        Assert.Equal(expected, runs.Count);
        Assert.All(runs, run => Assert.Equal("succeeded", run.Status));
        var ordered = runs.OrderBy(r => r.StartedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].StartedAt >= ordered[i - 1].FinishedAt,
                $"run {ordered[i].Id} started at {ordered[i].StartedAt:O}, before run {ordered[i - 1].Id} finished at {ordered[i - 1].FinishedAt:O}");
        }
    }
}
