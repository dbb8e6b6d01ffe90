using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class FaultInjectionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string Query = "{ shop { name } }";
    private static readonly int[] ServerErrorStatuses = [500, 502, 503];

    [Fact]
    public async Task Server_errors_answer_500_502_or_503()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { serverErrorRate = 1.0 });

        for (var i = 0; i < 5; i++)
        {
            using var response = await shop.PostGraphQLAsync(Query);
            Assert.Contains((int)response.StatusCode, ServerErrorStatuses);
        }

        Assert.Equal(5, (await FaultsAsync(shop)).GetProperty("serverError").GetInt32());
    }

    [Fact]
    public async Task A_reset_connection_ends_the_request_without_a_response()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { resetConnectionRate = 1.0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => shop.PostGraphQLAsync(Query));

        Assert.Equal(1, (await FaultsAsync(shop)).GetProperty("resetConnection").GetInt32());
    }

    [Fact]
    public async Task An_injected_throttle_answers_THROTTLED_although_the_bucket_has_room()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Throttle = new { maximumAvailable = 2000, restoreRate = 100 } });
        await shop.SetFaultsAsync(new { throttledRate = 1.0 });

        var response = await shop.QueryAsync(Query);

        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Equal("THROTTLED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(2000, response.Available());
        Assert.Equal(1, (await FaultsAsync(shop)).GetProperty("throttled").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_is_a_200_whose_body_does_not_parse()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { malformedJsonRate = 1.0 });

        using var response = await shop.PostGraphQLAsync(Query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{", body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Latency_is_added_to_every_request_and_counted()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { latencyMs = 20 });

        var response = await shop.QueryAsync(Query);
        await shop.QueryAsync(Query);

        Assert.True(response.TryGetProperty("data", out _));
        Assert.Equal(2, (await FaultsAsync(shop)).GetProperty("latency").GetInt32());
    }

    [Fact]
    public async Task An_empty_fault_set_clears_the_faults()
    {
        var shop = await simulator.CreateShopAsync();
        await shop.SetFaultsAsync(new { serverErrorRate = 1.0 });
        await shop.SetFaultsAsync(new { });

        using var response = await shop.PostGraphQLAsync(Query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_same_seed_and_fault_rates_give_the_same_sequence_of_failures()
    {
        var faults = new { serverErrorRate = 0.3, malformedJsonRate = 0.3 };

        var (firstOutcomes, secondOutcomes) = await FaultOutcomes.OfTwinShopsAsync(simulator, 99, faults, Query, 20);

        Assert.Equal(firstOutcomes, secondOutcomes);
        Assert.Contains("ok", firstOutcomes);
        Assert.Contains(firstOutcomes, outcome => outcome != "ok");
    }

    private static async Task<JsonElement> FaultsAsync(ShopClient shop) =>
        (await shop.StatsAsync()).GetProperty("stats").GetProperty("faultsInjected");
}
