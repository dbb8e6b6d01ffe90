using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class CostAndThrottleTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly object SmallBucket = new { maximumAvailable = 100, restoreRate = 10 };

    [Fact]
    public async Task A_connection_costs_two_plus_first_times_its_node_and_is_charged_for_what_it_returned()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 4 });

        var response = await shop.QueryAsync("{ products(first: 10) { edges { node { id title } } } }");

        Assert.Equal(2 + (10 * 1), response.Cost().GetProperty("requestedQueryCost").GetInt32());
        Assert.Equal(2 + (4 * 1), response.Cost().GetProperty("actualQueryCost").GetInt32());
    }

    [Fact]
    public async Task Nested_objects_cost_one_each_and_scalars_and_enums_nothing()
    {
        var shop = await simulator.CreateShopAsync();

        // Per order: the order 1, totalPriceSet 1, shopMoney 1, customer 1; name and status are free.
        var response = await shop.QueryAsync(
            "{ orders(first: 5) { nodes { name displayFinancialStatus totalPriceSet { shopMoney { amount } } customer { id } } } ordersCount { count } }");

        Assert.Equal(2 + (5 * 4) + 1, response.Cost().GetProperty("requestedQueryCost").GetInt32());
    }

    [Fact]
    public async Task Fragments_and_variables_are_costed_like_the_literal_query()
    {
        var shop = await simulator.CreateShopAsync();

        var literal = await shop.QueryAsync("{ orders(first: 7) { nodes { id customer { id } } } }");
        var indirect = await shop.QueryAsync(
            "query Q($n: Int) { orders(first: $n) { nodes { ...O } } } fragment O on Order { id customer { id } }", new { n = 7 });

        Assert.Equal(2 + (7 * 2), literal.Cost().GetProperty("requestedQueryCost").GetInt32());
        Assert.Equal(
            literal.Cost().GetProperty("requestedQueryCost").GetInt32(),
            indirect.Cost().GetProperty("requestedQueryCost").GetInt32());
    }

    [Fact]
    public async Task The_bucket_drains_by_the_actual_cost_of_each_query()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 10, Throttle = SmallBucket });
        const string Query = "{ products(first: 50) { nodes { id } } }";
        var live = (await shop.TruthAsync()).GetProperty("products").GetInt32();

        var first = await shop.QueryAsync(Query);
        var second = await shop.QueryAsync(Query);

        // Requested 52, but only the live products (10 less the deleted one) came back: 2 + live points each time.
        Assert.InRange(live, 1, 10);
        Assert.Equal(100 - (2 + live), first.Available());
        Assert.Equal(100 - (2 * (2 + live)), second.Available());
    }

    [Fact]
    public async Task Given_a_query_dearer_than_what_is_left_then_it_is_throttled_with_Shopifys_error_and_nothing_is_charged()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 100, Throttle = SmallBucket });
        const string Query = "{ products(first: 60) { nodes { id } } }";
        await shop.QueryAsync(Query);

        using var response = await shop.PostGraphQLAsync(Query);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.TryGetProperty("data", out _));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("Throttled", error.GetProperty("message").GetString());
        Assert.Equal("THROTTLED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.StartsWith("https://shopify.dev/", error.GetProperty("extensions").GetProperty("documentation").GetString());
        Assert.Equal(62, body.Cost().GetProperty("requestedQueryCost").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.Cost().GetProperty("actualQueryCost").ValueKind);
        Assert.Equal(100 - 62, body.Available());
        var throttleStatus = body.Cost().GetProperty("throttleStatus");
        Assert.Equal(100, throttleStatus.GetProperty("maximumAvailable").GetDouble());
        Assert.Equal(10, throttleStatus.GetProperty("restoreRate").GetDouble());
    }

    [Fact]
    public async Task The_bucket_refills_at_the_restore_rate_up_to_its_maximum()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 100, Throttle = SmallBucket });
        const string Query = "{ products(first: 60) { nodes { id } } }";
        await shop.QueryAsync(Query);

        simulator.Clock.Advance(TimeSpan.FromSeconds(2));
        var stillThrottled = await shop.QueryAsync(Query);
        simulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var served = await shop.QueryAsync(Query);
        simulator.Clock.Advance(TimeSpan.FromHours(1));
        var refilled = await shop.QueryAsync("{ shop { name } }");

        Assert.Equal(38 + 20, stillThrottled.Available());
        Assert.True(served.TryGetProperty("data", out _));
        Assert.Equal(38 + 30 - 62, served.Available());
        Assert.Equal(100 - 1, refilled.Available());
    }

    [Fact]
    public async Task A_query_requesting_more_than_1000_points_gets_MAX_COST_EXCEEDED_and_costs_nothing()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Throttle = new { maximumAvailable = 2000, restoreRate = 100 } });

        var body = await shop.QueryAsync("{ orders(first: 250) { nodes { id customer { id } totalPriceSet { shopMoney { amount } } } } }");

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("MAX_COST_EXCEEDED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1002, error.GetProperty("extensions").GetProperty("cost").GetInt32());
        Assert.Equal(1000, error.GetProperty("extensions").GetProperty("maxCost").GetInt32());
        Assert.StartsWith("Query cost is 1002, which exceeds the single query max cost limit (1000).", error.GetProperty("message").GetString());
        Assert.Equal(2000, body.Available());
    }

    [Fact]
    public async Task With_throttling_off_the_cost_is_still_reported_and_nothing_is_throttled()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 100, Throttle = new { enabled = false } });
        var cost = 2 + (await shop.TruthAsync()).GetProperty("products").GetInt32();

        for (var i = 0; i < 5; i++)
        {
            var response = await shop.QueryAsync("{ products(first: 250) { nodes { id } } }");
            Assert.True(response.TryGetProperty("data", out _));
            Assert.Equal(cost, response.Cost().GetProperty("actualQueryCost").GetInt32());
        }

        var stats = (await shop.StatsAsync()).GetProperty("stats");
        Assert.Equal(0, stats.GetProperty("throttled").GetInt32());
        Assert.Equal(5 * cost, stats.GetProperty("pointsSpent").GetInt32());
    }
}
