using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class PagingTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string, string> Connections => new()
    {
        { "products", "ID", "createdAt" },
        { "products", "UPDATED_AT", "updatedAt" },
        { "customers", "CREATED_AT", "createdAt" },
        { "customers", "UPDATED_AT", "updatedAt" },
        { "orders", "UPDATED_AT", "updatedAt" },
        { "orders", "CREATED_AT", "createdAt" },
        { "orders", "PROCESSED_AT", "processedAt" },
    };

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task Walking_forwards_returns_every_record_exactly_once_in_sort_order(string connection, string sortKey, string sortField)
    {
        var shop = await simulator.CreateShopAsync();
        var expected = (await shop.TruthAsync()).GetProperty(connection).GetInt32();

        var nodes = await shop.WalkAsync(connection, $"id {sortField}", $"sortKey: {sortKey}", pageSize: 7);

        Assert.Equal(expected, nodes.Count);
        Assert.Equal(nodes.Count, nodes.Select(n => n.Id()).Distinct().Count());
        AssertSorted(nodes, sortKey == "ID" ? null : sortField);
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task Walking_backwards_with_last_and_before_returns_the_same_records_in_the_same_order(string connection, string sortKey, string sortField)
    {
        var shop = await simulator.CreateShopAsync();

        var forwards = await shop.WalkAsync(connection, $"id {sortField}", $"sortKey: {sortKey}", pageSize: 9);
        var backwards = await shop.WalkAsync(connection, $"id {sortField}", $"sortKey: {sortKey}", pageSize: 9, backwards: true);

        Assert.Equal(forwards.Select(n => n.Id()), backwards.Select(n => n.Id()));
    }

    [Fact]
    public async Task Reverse_serves_the_same_records_in_the_opposite_order()
    {
        var shop = await simulator.CreateShopAsync();

        var ascending = await shop.WalkAsync("orders", "id", "sortKey: UPDATED_AT", pageSize: 11);
        var descending = await shop.WalkAsync("orders", "id", "sortKey: UPDATED_AT, reverse: true", pageSize: 11);

        Assert.Equal(ascending.Select(n => n.Id()).Reverse(), descending.Select(n => n.Id()));
    }

    [Fact]
    public async Task Page_info_tells_whether_records_lie_before_and_after_the_page()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 10 });
        const string Query = "query P($after: String) { products(first: 4, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } } }";

        var first = (await shop.DataAsync(Query, new { after = (string?)null })).GetProperty("products").GetProperty("pageInfo");
        var second = (await shop.DataAsync(Query, new { after = first.GetProperty("endCursor").GetString() })).GetProperty("products").GetProperty("pageInfo");
        var third = (await shop.DataAsync(Query, new { after = second.GetProperty("endCursor").GetString() })).GetProperty("products").GetProperty("pageInfo");

        Assert.Equal((true, false), (first.GetProperty("hasNextPage").GetBoolean(), first.GetProperty("hasPreviousPage").GetBoolean()));
        Assert.Equal((true, true), (second.GetProperty("hasNextPage").GetBoolean(), second.GetProperty("hasPreviousPage").GetBoolean()));
        Assert.Equal((false, true), (third.GetProperty("hasNextPage").GetBoolean(), third.GetProperty("hasPreviousPage").GetBoolean()));
    }

    [Fact]
    public async Task Given_records_updated_during_an_UPDATED_AT_walk_then_they_move_to_its_end_and_every_other_record_is_seen_once()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Orders = 100, ReferenceDate = null });
        var unchanged = (await shop.WalkAsync("orders", "id", "sortKey: UPDATED_AT", pageSize: 50)).Select(n => n.Id()).ToList();
        var alreadySeen = unchanged[3];
        var notYetSeen = unchanged[^3];
        string[] updated = [];

        var walk = await shop.WalkAsync("orders", "id updatedAt", "sortKey: UPDATED_AT", pageSize: 20, afterPage: async page =>
        {
            if (page == 2)
            {
                await shop.ChangeAsync(new { update = new { ids = new[] { alreadySeen, notYetSeen } } });
                updated = [alreadySeen, notYetSeen];
            }
        });

        var ids = walk.Select(n => n.Id()).ToList();
        Assert.Equal(updated.Order(), ids[^2..].Order());
        Assert.All(unchanged.Except(updated), id => Assert.Single(ids, id));
        Assert.Equal(2, ids.Count(id => id == alreadySeen));
        Assert.Single(ids, notYetSeen);
    }

    [Fact]
    public async Task Records_created_during_a_walk_appear_at_its_end()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Orders = 60, ReferenceDate = null });
        JsonElement created = default;

        var walk = await shop.WalkAsync("orders", "id", "sortKey: UPDATED_AT", pageSize: 25, afterPage: async page =>
        {
            if (page == 1)
            {
                created = (await shop.ChangeAsync(new { create = new { orders = 2 } })).GetProperty("created").GetProperty("orders");
            }
        });

        Assert.Equal(62, walk.Count);
        Assert.Equal(created.EnumerateArray().Select(id => id.GetString()).Order(), walk[^2..].Select(n => n.Id()).Order());
    }

    [Fact]
    public async Task A_cursor_that_was_not_served_is_refused()
    {
        var shop = await simulator.CreateShopAsync();

        var response = await shop.QueryAsync("{ orders(first: 5, after: \"not-a-cursor\") { nodes { id } } }");

        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Contains("Invalid cursor", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("orders(first: 251)", "first cannot exceed 250")]
    [InlineData("orders", "you must provide one of first or last")]
    public async Task Page_sizes_outside_Shopifys_limits_are_refused(string field, string message)
    {
        var shop = await simulator.CreateShopAsync();

        var response = await shop.QueryAsync($"{{ {field} {{ nodes {{ id }} }} }}");

        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.StartsWith(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Nested_connections_page_too()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 40 });
        var product = (await shop.WalkAsync("products", "id variants(first: 5) { nodes { id } }", pageSize: 40))
            .First(p => p.GetProperty("variants").GetProperty("nodes").GetArrayLength() >= 3);
        var allVariants = product.GetProperty("variants").GetProperty("nodes").EnumerateArray().Select(v => v.Id()).ToList();

        var data = await shop.DataAsync(
            "query V($id: ID!) { product(id: $id) { variants(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } } }", new { id = product.Id() });
        var variants = data.GetProperty("product").GetProperty("variants");
        var next = await shop.DataAsync(
            "query V($id: ID!, $after: String) { product(id: $id) { variants(first: 5, after: $after) { nodes { id } } } }",
            new { id = product.Id(), after = variants.GetProperty("pageInfo").GetProperty("endCursor").GetString() });

        Assert.True(variants.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(
            allVariants,
            variants.GetProperty("nodes").EnumerateArray().Concat(next.GetProperty("product").GetProperty("variants").GetProperty("nodes").EnumerateArray()).Select(v => v.Id()));
    }

    /// <summary>Ascending by the field (null: by numeric id), ties broken by id.</summary>
    private static void AssertSorted(List<JsonElement> nodes, string? field)
    {
        static long NumericId(JsonElement node) => long.Parse(node.Id().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i < nodes.Count; i++)
        {
            var previous = (field is null ? 0 : nodes[i - 1].Time(field).UtcTicks, NumericId(nodes[i - 1]));
            var current = (field is null ? 0 : nodes[i].Time(field).UtcTicks, NumericId(nodes[i]));
            Assert.True(previous.CompareTo(current) < 0, $"{nodes[i - 1]} should come before {nodes[i]}");
        }
    }
}
