using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class QueryFilterTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Comparisons => new()
    {
        { "updated_at", ">" }, { "updated_at", ">=" }, { "updated_at", "<" }, { "updated_at", "<=" },
        { "created_at", ">" }, { "created_at", ">=" }, { "created_at", "<" }, { "created_at", "<=" },
    };

    [Theory]
    [MemberData(nameof(Comparisons))]
    public async Task A_time_comparison_keeps_exactly_the_orders_it_describes(string field, string op)
    {
        var shop = await simulator.CreateShopAsync();
        var all = await shop.WalkAsync("orders", "id createdAt updatedAt", pageSize: 50);
        var property = field == "updated_at" ? "updatedAt" : "createdAt";

        // The pivot is a time some order has exactly, so > and >= (< and <=) must differ by that order.
        var pivot = all.Select(o => o.Time(property)).Order().ElementAt(all.Count / 2);
        var query = $"{field}:{op}'{pivot:yyyy-MM-ddTHH:mm:ssZ}'";
        var filtered = await shop.WalkAsync("orders", "id", $"query: \"{query}\"", pageSize: 50);
        var count = (await shop.DataAsync($"{{ ordersCount(query: \"{query}\") {{ count precision }} }}")).GetProperty("ordersCount");

        var expected = all.Where(o => Compare(o.Time(property), op, pivot)).Select(o => o.Id()).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, filtered.Select(o => o.Id()).Order());
        Assert.Equal(expected.Count, count.GetProperty("count").GetInt32());
        Assert.Equal("EXACT", count.GetProperty("precision").GetString());
    }

    [Theory]
    [InlineData("UPDATED_AT")]
    [InlineData("ID")]
    public async Task Terms_joined_with_AND_must_all_hold_whatever_the_sort(string sortKey)
    {
        var shop = await simulator.CreateShopAsync();
        var all = await shop.WalkAsync("orders", "id createdAt updatedAt", pageSize: 50);
        var createdAfter = all.Select(o => o.Time("createdAt")).Order().ElementAt(all.Count / 4);
        var updatedBefore = all.Select(o => o.Time("updatedAt")).Order().ElementAt(all.Count * 3 / 4);
        var query = $"created_at:>='{createdAfter:yyyy-MM-ddTHH:mm:ssZ}' AND updated_at:<'{updatedBefore:yyyy-MM-ddTHH:mm:ssZ}'";

        var filtered = await shop.WalkAsync("orders", "id", $"sortKey: {sortKey}, query: \"{query}\"", pageSize: 13);

        var expected = all.Where(o => o.Time("createdAt") >= createdAfter && o.Time("updatedAt") < updatedBefore).Select(o => o.Id()).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, filtered.Select(o => o.Id()).Order());
    }

    [Fact]
    public async Task A_time_without_an_offset_is_read_in_the_shops_time_zone()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Timezone = "Asia/Tokyo" });

        var local = await shop.DataAsync("{ ordersCount(query: \"created_at:>='2024-12-01T09:00:00'\") { count } }");
        var utc = await shop.DataAsync("{ ordersCount(query: \"created_at:>='2024-12-01T00:00:00Z'\") { count } }");

        Assert.Equal(
            utc.GetProperty("ordersCount").GetProperty("count").GetInt32(),
            local.GetProperty("ordersCount").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Products_and_customers_filter_on_updated_at_too()
    {
        var shop = await simulator.CreateShopAsync();
        var products = await shop.WalkAsync("products", "id updatedAt", pageSize: 50);
        var customers = await shop.WalkAsync("customers", "id updatedAt", pageSize: 50);
        var productPivot = products.Select(p => p.Time("updatedAt")).Order().ElementAt(products.Count / 2);
        var customerPivot = customers.Select(c => c.Time("updatedAt")).Order().ElementAt(customers.Count / 2);

        var recentProducts = await shop.WalkAsync("products", "id", $"query: \"updated_at:>'{productPivot:O}'\"");
        var recentCustomers = await shop.WalkAsync("customers", "id", $"query: \"updated_at:>'{customerPivot:O}'\"");

        Assert.Equal(products.Where(p => p.Time("updatedAt") > productPivot).Select(p => p.Id()).Order(), recentProducts.Select(p => p.Id()).Order());
        Assert.Equal(customers.Where(c => c.Time("updatedAt") > customerPivot).Select(c => c.Id()).Order(), recentCustomers.Select(c => c.Id()).Order());
    }

    [Fact]
    public async Task Counts_above_the_limit_are_reported_as_at_least_the_limit()
    {
        var shop = await simulator.CreateShopAsync();

        var data = await shop.DataAsync("{ ordersCount(limit: 10) { count precision } productsCount(limit: null) { count precision } }");

        Assert.Equal(10, data.GetProperty("ordersCount").GetProperty("count").GetInt32());
        Assert.Equal("AT_LEAST", data.GetProperty("ordersCount").GetProperty("precision").GetString());
        Assert.Equal("EXACT", data.GetProperty("productsCount").GetProperty("precision").GetString());
    }

    [Fact]
    public async Task Search_syntax_the_simulator_cannot_honour_is_refused_rather_than_ignored()
    {
        var shop = await simulator.CreateShopAsync();

        var response = await shop.QueryAsync("{ orders(first: 5, query: \"updated_at:>2025-01-01 OR created_at:>2025-01-01\") { nodes { id } } }");

        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Contains("OR", error.GetProperty("message").GetString());
    }

    private static bool Compare(DateTimeOffset value, string op, DateTimeOffset pivot) => op switch
    {
        ">" => value > pivot,
        ">=" => value >= pivot,
        "<" => value < pivot,
        _ => value <= pivot,
    };
}
