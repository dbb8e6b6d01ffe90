using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Bulk;

/// <summary>
/// The query of <c>bulkOperationRunQuery</c> is checked before any operation exists: a query the Admin schema accepts,
/// with a single top-level field that is a connection, at most five connections nested at most two deep, and the id of
/// every node whose children must name it. A query that breaks a rule gets a user error on <c>query</c>, code INVALID.
/// </summary>
public sealed class BulkQueryValidationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> InvalidQueries => new()
    {
        { "{ products { edges { node { id ", "Invalid bulk query" },
        { "{ products { edges { node { id colour } } } }", "Field 'colour' doesn't exist on type 'Product'" },
        { "{ shop { name } }", "at least one connection" },
        { "{ shop { name } products { edges { node { id } } } }", "exactly one top-level field" },
        { "mutation { bulkOperationCancel(id: \"gid://shopify/BulkOperation/1\") { userErrors { message } } }", "must be a query" },
        { "{ products { edges { node { id variants { edges { node { id product { variants { edges { node { id } } } } } } } } } } }", "nested more than 2 levels" },
        { "{ products { nodes { id a: variants { nodes { id } } b: variants { nodes { id } } c: variants { nodes { id } } d: variants { nodes { id } } e: variants { nodes { id } } } } }", "more than 5 connections" },
        { "{ products { edges { node { title variants { edges { node { id } } } } } } }", "must select 'id'" },
        { "{ products { edges { node { productId: id variants { edges { node { id } } } } } } }", "must select 'id'" },
        { "{ orders(query: \"name:#1001 OR name:#1002\") { edges { node { id } } } }", "OR" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task An_invalid_bulk_query_gets_a_user_error_on_query_and_starts_nothing(string query, string reason)
    {
        var shop = await simulator.CreateShopAsync();

        var payload = await shop.RunBulkQueryAsync(query);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("bulkOperation").ValueKind);
        var error = Assert.Single(payload.GetProperty("userErrors").EnumerateArray());
        Assert.Equal("INVALID", error.GetProperty("code").GetString());
        Assert.Equal(["query"], error.GetProperty("field").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await shop.StatsAsync()).GetProperty("stats").GetProperty("bulkOperations").GetInt64());
    }

    [Fact]
    public async Task Nodes_fragments_aliases_and_typename_are_exported_under_the_names_the_query_gives_them()
    {
        var shop = await simulator.CreateShopAsync();
        const string query = """
            { products(sortKey: UPDATED_AT, reverse: true) { nodes { ...P } } }
            fragment P on Product { id __typename label: title variants { edges { node { id ... on ProductVariant { cost: price } } } } }
            """;

        var done = await shop.ExportAsync(simulator.Clock, query);
        var lines = await shop.DownloadLinesAsync(done.GetProperty("url").GetString()!);

        Assert.Equal("COMPLETED", done.Status());
        var product = lines.First(line => line.ParentId() is null);
        Assert.Equal(["id", "__typename", "label"], product.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Product", product.GetProperty("__typename").GetString());
        var variant = lines.First(line => line.ParentId() is not null);
        Assert.Equal(["id", "cost", "__parentId"], variant.EnumerateObject().Select(p => p.Name));
    }
}
