using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Bulk;

/// <summary>
/// How a bulk operation goes wrong: a missing scope (FAILED, ACCESS_DENIED), injected failures part way (FAILED with
/// INTERNAL_SERVER_ERROR or TIMEOUT and the lines so far behind partialDataUrl), and result URLs that expire like signed
/// URLs (403), after the shop's lifetime or, injected, at once.
/// </summary>
public sealed class BulkFaultTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string Orders = "{ orders { edges { node { id name lineItems { edges { node { id quantity } } } } } } }";

    [Fact]
    public async Task A_bulk_query_of_a_resource_without_its_scope_is_created_and_then_FAILED_with_ACCESS_DENIED()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_orders", "read_customers"] });

        var payload = await shop.RunBulkQueryAsync(BulkOperations.ProductsWithVariants);
        var failed = await shop.FinishBulkAsync(payload.GetProperty("bulkOperation").Id(), simulator.Clock);

        Assert.Equal(0, payload.GetProperty("userErrors").GetArrayLength());
        Assert.Equal("FAILED", failed.Status());
        Assert.Equal("ACCESS_DENIED", failed.GetProperty("errorCode").GetString());
        Assert.Equal(0, failed.Count("objectCount"));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("partialDataUrl").ValueKind);
    }

    [Theory]
    [InlineData("bulkFailRate", "INTERNAL_SERVER_ERROR", "bulkFailed")]
    [InlineData("bulkTimeoutRate", "TIMEOUT", "bulkTimedOut")]
    public async Task An_injected_failure_ends_the_export_FAILED_part_way_with_the_lines_written_so_far_behind_partialDataUrl(
        string rate, string errorCode, string counter)
    {
        var shop = await simulator.CreateShopAsync();
        var complete = await shop.DownloadLinesAsync((await shop.ExportAsync(simulator.Clock, Orders)).GetProperty("url").GetString()!);
        await shop.SetFaultsAsync(new Dictionary<string, double> { [rate] = 1.0 });

        var failed = await shop.ExportAsync(simulator.Clock, Orders);
        var partial = await shop.DownloadLinesAsync(failed.GetProperty("partialDataUrl").GetString()!);

        Assert.Equal("FAILED", failed.Status());
        Assert.Equal(errorCode, failed.GetProperty("errorCode").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("completedAt").ValueKind);
        Assert.NotEmpty(partial);
        Assert.Equal(partial.Count, failed.Count("objectCount"));
        Assert.True(partial.Count < complete.Count, $"the failure should strike part way: {partial.Count} of {complete.Count} lines");
        Assert.Equal(complete.Take(partial.Count).Select(line => line.GetRawText()), partial.Select(line => line.GetRawText()));
        Assert.Equal(1, (await shop.StatsAsync()).GetProperty("stats").GetProperty("faultsInjected").GetProperty(counter).GetInt32());
    }

    [Fact]
    public async Task A_result_url_answers_until_the_shops_url_lifetime_has_passed_then_403_and_the_operation_reads_EXPIRED()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { BulkResultUrlTtlSeconds = 60 });
        var done = await shop.ExportAsync(simulator.Clock, Orders);
        var url = done.GetProperty("url").GetString()!;

        var fresh = await shop.DownloadLinesAsync(url);
        simulator.Clock.Advance(TimeSpan.FromSeconds(61));
        using var stale = await shop.GetAsync(url);
        var expired = await shop.BulkOperationAsync(done.Id());

        Assert.NotEmpty(fresh);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Contains("expired", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("EXPIRED", expired.Status());
    }

    [Fact]
    public async Task An_injected_url_expiry_serves_403_for_an_operation_that_reads_COMPLETED()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { bulkUrlExpiredRate = 1.0 });

        var done = await shop.ExportAsync(simulator.Clock, Orders);
        using var response = await shop.GetAsync(done.GetProperty("url").GetString()!);

        Assert.Equal("COMPLETED", done.Status());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, (await shop.StatsAsync()).GetProperty("stats").GetProperty("faultsInjected").GetProperty("bulkUrlExpired").GetInt32());
    }

    [Fact]
    public async Task A_result_url_that_was_never_handed_out_answers_404()
    {
        var shop = await simulator.CreateShopAsync();

        using var response = await shop.GetAsync(new Uri(simulator.Http.BaseAddress!, "/_sim/bulk/0123456789abcdef0123456789abcdef.jsonl").ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
