using System.Text;
using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Bulk;

/// <summary>
/// A bulk query exports what paging through the same connection would return, as JSONL: one object a line with the
/// fields it selects, formatted as the Admin API formats them, and the nodes of a nested connection as lines of their
/// own carrying <c>__parentId</c>.
/// </summary>
public sealed class BulkExportTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string OrdersWithLineItems = """
        {
          orders {
            edges {
              node {
                id name email createdAt test displayFinancialStatus
                totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
                subtotalPriceSet { shopMoney { amount } }
                customer { id displayName }
                lineItems { edges { node { id quantity sku variant { id } originalUnitPriceSet { shopMoney { amount } } } } }
              }
            }
          }
        }
        """;

    private const string OrderFields = """
        id name email createdAt test displayFinancialStatus
        totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        subtotalPriceSet { shopMoney { amount } }
        customer { id displayName }
        lineItems(first: 10) { nodes { id quantity sku variant { id } originalUnitPriceSet { shopMoney { amount } } } }
        """;

    [Fact]
    public async Task A_bulk_query_is_CREATED_and_then_COMPLETED_with_every_product_and_variant_as_paging_serves_them()
    {
        var shop = await simulator.CreateShopAsync();

        var payload = await shop.RunBulkQueryAsync(BulkOperations.ProductsWithVariants);
        var created = payload.GetProperty("bulkOperation");
        var done = await shop.FinishBulkAsync(created.Id(), simulator.Clock);
        var lines = await shop.DownloadLinesAsync(done.GetProperty("url").GetString()!);
        var products = await shop.WalkAsync("products", "id title handle variants(first: 10) { nodes { id sku price } }", pageSize: 20);

        Assert.Equal(0, payload.GetProperty("userErrors").GetArrayLength());
        Assert.StartsWith("gid://shopify/BulkOperation/", created.Id());
        Assert.Equal("CREATED", created.Status());
        Assert.Equal("QUERY", created.GetProperty("type").GetString());
        Assert.Equal(BulkOperations.ProductsWithVariants, created.GetProperty("query").GetString());
        Assert.Equal(0, created.Count("objectCount"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("url").ValueKind);

        Assert.Equal("COMPLETED", done.Status());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("errorCode").ValueKind);
        Assert.Equal(JsonValueKind.String, done.GetProperty("completedAt").ValueKind);
        Assert.Equal(lines.Count, done.Count("objectCount"));
        Assert.Equal(products.Count, done.Count("rootObjectCount"));
        Assert.Equal(lines.Sum(line => Encoding.UTF8.GetByteCount(line.GetRawText()) + 1), done.Count("fileSize"));
        AssertExportEquals(products, "variants", lines);
    }

    [Fact]
    public async Task Orders_export_their_money_dates_enums_and_nested_objects_exactly_as_the_API_writes_them()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Currency = "EUR" });

        var done = await shop.ExportAsync(simulator.Clock, OrdersWithLineItems);
        var lines = await shop.DownloadLinesAsync(done.GetProperty("url").GetString()!);
        var orders = await shop.WalkAsync("orders", OrderFields, pageSize: 10);

        Assert.Equal("COMPLETED", done.Status());
        AssertExportEquals(orders, "lineItems", lines);
        Assert.Contains(lines, line => line.TryGetProperty("customer", out var customer) && customer.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task With_objects_grouped_by_default_each_child_line_comes_right_after_its_parent_or_a_sibling()
    {
        var shop = await simulator.CreateShopAsync();

        var done = await shop.ExportAsync(simulator.Clock, OrdersWithLineItems);
        var lines = await shop.DownloadLinesAsync(done.GetProperty("url").GetString()!);

        string? currentParent = null;
        foreach (var line in lines)
        {
            if (line.ParentId() is { } parent)
            {
                Assert.True(parent == currentParent, $"{line} should follow its order {parent}, not {currentParent}");
            }
            else
            {
                currentParent = line.Id();
            }
        }

        Assert.Contains(lines, line => line.ParentId() is not null);
    }

    [Fact]
    public async Task Without_read_all_orders_the_export_holds_only_the_orders_of_the_last_60_days_like_paging_does()
    {
        var recentOnly = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_orders"] });
        var allOrders = await simulator.CreateShopAsync();

        var done = await recentOnly.ExportAsync(simulator.Clock, "{ orders { edges { node { id createdAt } } } }");
        var lines = await recentOnly.DownloadLinesAsync(done.GetProperty("url").GetString()!);
        var cutoff = DateTimeOffset.Parse(done.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(-60);
        var everything = await allOrders.WalkAsync("orders", "id createdAt", pageSize: 100);
        var paged = await recentOnly.WalkAsync("orders", "id createdAt", pageSize: 100);

        Assert.Equal("COMPLETED", done.Status());
        Assert.NotEmpty(lines);
        Assert.True(lines.Count < everything.Count, "the shop should have orders older than 60 days for this test to mean anything");
        Assert.All(lines, line => Assert.True(line.Time("createdAt") >= cutoff, $"{line} is older than 60 days"));
        Assert.Equal(paged.Select(o => o.Id()), lines.Select(line => line.Id()));
    }

    [Fact]
    public async Task An_export_that_finds_nothing_completes_with_no_objects_and_no_url_to_fetch()
    {
        var shop = await simulator.CreateShopAsync();

        var done = await shop.ExportAsync(simulator.Clock, "{ orders(query: \"created_at:<'2001-01-01'\") { edges { node { id } } } }");

        Assert.Equal("COMPLETED", done.Status());
        Assert.Equal(0, done.Count("objectCount"));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("fileSize").ValueKind);
    }

    [Fact]
    public async Task The_stats_count_the_operations_started_and_the_objects_they_exported()
    {
        var shop = await simulator.CreateShopAsync();

        var first = await shop.ExportAsync(simulator.Clock, BulkOperations.ProductsWithVariants);
        var second = await shop.ExportAsync(simulator.Clock, "{ customers { edges { node { id } } } }");
        var stats = (await shop.StatsAsync()).GetProperty("stats");

        Assert.Equal(2, stats.GetProperty("bulkOperations").GetInt64());
        Assert.Equal(first.Count("objectCount") + second.Count("objectCount"), stats.GetProperty("bulkObjectsExported").GetInt64());
    }

    [Fact]
    public async Task Starting_a_bulk_query_costs_ten_points_like_any_mutation()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Throttle = new { maximumAvailable = 1000, restoreRate = 1 } });

        using var response = await shop.PostGraphQLAsync(
            "mutation { bulkOperationRunQuery(query: \"{ products { edges { node { id } } } }\") { bulkOperation { id } userErrors { message } } }");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(10, body.Cost().GetProperty("requestedQueryCost").GetInt32());
        Assert.Equal(10, body.Cost().GetProperty("actualQueryCost").GetInt32());
        Assert.Equal(990, body.Available());
        Assert.Equal(JsonValueKind.String, body.GetProperty("data").GetProperty("bulkOperationRunQuery").GetProperty("bulkOperation").GetProperty("id").ValueKind);
    }

    /// <summary>
    /// The export's root lines are the paged nodes in the same order, and each node's children (the nested connection
    /// <paramref name="connection"/>) are the lines naming it as __parentId, in order; every field reads exactly as paging wrote it.
    /// </summary>
    private static void AssertExportEquals(List<JsonElement> paged, string connection, List<JsonElement> lines)
    {
        var roots = lines.Where(line => line.ParentId() is null).ToList();
        Assert.Equal(paged.Select(node => node.Id()), roots.Select(line => line.Id()));
        var children = lines.Where(line => line.ParentId() is not null).ToLookup(line => line.ParentId()!);
        Assert.All(children, group => Assert.Contains(paged, node => node.Id() == group.Key));
        foreach (var (node, line) in paged.Zip(roots))
        {
            AssertLineIs(node, line, parentId: null, except: connection);
            var expected = node.GetProperty(connection).GetProperty("nodes").EnumerateArray().ToList();
            var actual = children[node.Id()].ToList();
            Assert.Equal(expected.Count, actual.Count);
            foreach (var (child, childLine) in expected.Zip(actual))
            {
                AssertLineIs(child, childLine, parentId: node.Id(), except: null);
            }
        }
    }

    /// <summary>The line holds the node's fields as their exact JSON text, without the connection, plus __parentId for a child.</summary>
    private static void AssertLineIs(JsonElement node, JsonElement line, string? parentId, string? except)
    {
        var expected = node.EnumerateObject().Where(p => p.Name != except).Select(p => $"{p.Name}={p.Value.GetRawText()}").ToList();
        var actual = line.EnumerateObject().Where(p => p.Name != "__parentId").Select(p => $"{p.Name}={p.Value.GetRawText()}").ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(parentId, line.ParentId());
    }
}
