using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Bulk;

/// <summary>
/// How a bulk operation lives: one query operation per shop at a time (2025-10), an export that takes time at the shop's
/// pace on the simulator's clock, cancelation, and the queries that find an operation again.
/// </summary>
public sealed class BulkLifecycleTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string Customers = "{ customers { edges { node { id } } } }";

    [Fact]
    public async Task A_second_bulk_query_while_one_runs_is_refused_with_OPERATION_IN_PROGRESS_and_accepted_once_it_ended()
    {
        var shop = await simulator.CreateShopAsync();

        var first = await shop.StartBulkQueryAsync(BulkOperations.ProductsWithVariants);
        var refused = await shop.RunBulkQueryAsync(Customers);
        await shop.FinishBulkAsync(first, simulator.Clock);
        var accepted = await shop.RunBulkQueryAsync(Customers);

        Assert.Equal(JsonValueKind.Null, refused.GetProperty("bulkOperation").ValueKind);
        var error = Assert.Single(refused.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("OPERATION_IN_PROGRESS", error.GetProperty("code").GetString());
        Assert.Contains(first, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, accepted.GetProperty("userErrors").GetArrayLength());
        Assert.Equal(2, (await shop.StatsAsync()).GetProperty("stats").GetProperty("bulkOperations").GetInt64());
    }

    [Fact]
    public async Task An_export_writes_at_the_shops_pace_on_the_simulators_clock_and_reports_its_progress_while_RUNNING()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 100, BulkExportObjectsPerSecond = 100 });
        var id = await shop.StartBulkQueryAsync(BulkOperations.ProductsWithVariants);

        simulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = await shop.WaitForBulkAsync(id, op => op.Count("objectCount") == 100, "100 objects after a second at 100 a second");
        await Task.Delay(200);
        var withoutTheClock = await shop.BulkOperationAsync(id);
        simulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterTwoSeconds = await shop.WaitForBulkAsync(id, op => op.Count("objectCount") == 200, "200 objects after two seconds");
        await shop.ChangeSettingsAsync(new { bulkExportObjectsPerSecond = 1_000_000 });
        var done = await shop.FinishBulkAsync(id, simulator.Clock);

        Assert.Equal("RUNNING", afterOneSecond.Status());
        Assert.InRange(afterOneSecond.Count("rootObjectCount"), 1, 99);
        Assert.Equal(JsonValueKind.Null, afterOneSecond.GetProperty("url").ValueKind);
        Assert.Equal(100, withoutTheClock.Count("objectCount"));
        Assert.Equal("RUNNING", afterTwoSeconds.Status());
        Assert.Equal("COMPLETED", done.Status());
        Assert.True(done.Count("objectCount") > 200, $"the shop should hold more than 200 objects for this test to mean anything: {done}");
    }

    [Fact]
    public async Task The_pace_and_the_url_lifetime_default_to_1000_a_second_and_7_days_and_refuse_values_out_of_range()
    {
        var shop = await simulator.CreateShopAsync();

        var defaults = await simulator.Http.GetFromJsonAsync<JsonElement>($"/_sim/shops/{shop.Domain}/settings");
        using var tooSlow = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/settings", new { bulkExportObjectsPerSecond = 0 });
        using var negative = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/settings", new { bulkResultUrlTtlSeconds = -1 });

        Assert.Equal(1000, defaults.GetProperty("bulkExportObjectsPerSecond").GetInt32());
        Assert.Equal(7 * 86_400, defaults.GetProperty("bulkResultUrlTtlSeconds").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, tooSlow.StatusCode);
        Assert.Contains("bulkExportObjectsPerSecond", await tooSlow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("bulkResultUrlTtlSeconds", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canceled_operation_reads_CANCELING_then_CANCELED_serves_nothing_and_frees_the_shop_for_the_next()
    {
        var shop = await simulator.CreateShopAsync();
        var id = await shop.StartBulkQueryAsync(BulkOperations.ProductsWithVariants);

        var cancel = await shop.CancelBulkAsync(id);
        var canceled = await shop.WaitForBulkAsync(id, op => op.Status() == "CANCELED", "the operation to be canceled");
        var next = await shop.RunBulkQueryAsync(Customers);

        Assert.Equal(0, cancel.GetProperty("userErrors").GetArrayLength());
        Assert.Equal("CANCELING", cancel.GetProperty("bulkOperation").Status());
        Assert.Equal(JsonValueKind.Null, canceled.GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, canceled.GetProperty("partialDataUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, canceled.GetProperty("completedAt").ValueKind);
        Assert.Equal(0, next.GetProperty("userErrors").GetArrayLength());
    }

    [Fact]
    public async Task Canceling_an_ended_or_an_unknown_operation_is_a_user_error()
    {
        var shop = await simulator.CreateShopAsync();
        var done = await shop.ExportAsync(simulator.Clock, Customers);

        var ended = await shop.CancelBulkAsync(done.Id());
        var unknown = await shop.CancelBulkAsync("gid://shopify/BulkOperation/1");

        var endedError = Assert.Single(ended.GetProperty("userErrors").EnumerateArray());
        Assert.Contains("completed", endedError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("COMPLETED", ended.GetProperty("bulkOperation").Status());
        var unknownError = Assert.Single(unknown.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("id", unknownError.GetProperty("field")[0].GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("bulkOperation").ValueKind);
    }

    [Fact]
    public async Task currentBulkOperation_is_the_shops_latest_query_and_bulkOperation_finds_only_the_shops_own()
    {
        var shop = await simulator.CreateShopAsync();
        var other = await simulator.CreateShopAsync();
        var current = $"{{ currentBulkOperation {{ {BulkOperations.OperationFields} }} mutations: currentBulkOperation(type: MUTATION) {{ id }} }}";

        var before = await shop.DataAsync(current);
        var first = (await shop.ExportAsync(simulator.Clock, Customers)).Id();
        var second = (await shop.ExportAsync(simulator.Clock, BulkOperations.ProductsWithVariants)).Id();
        var after = await shop.DataAsync(current);
        var firstAgain = await shop.BulkOperationAsync(first);
        var fromAnotherShop = await other.BulkOperationAsync(first);

        Assert.Equal(JsonValueKind.Null, before.GetProperty("currentBulkOperation").ValueKind);
        Assert.Equal(second, after.GetProperty("currentBulkOperation").Id());
        Assert.Equal("COMPLETED", after.GetProperty("currentBulkOperation").Status());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("mutations").ValueKind);
        Assert.Equal("COMPLETED", firstAgain.Status());
        Assert.Equal(JsonValueKind.Null, fromAnotherShop.ValueKind);
    }
}
