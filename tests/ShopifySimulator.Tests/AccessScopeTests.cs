using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class AccessScopeTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string InstalledScopes = "{ currentAppInstallation { id accessScopes { handle description } } }";
    private static readonly string[] DefaultScopes = ["read_products", "read_customers", "read_orders", "read_all_orders"];
    private static readonly string[] UnknownAmongKnown = ["read_orders", "read_everything"];
    private static readonly string[] Unknown = ["read_everything"];

    [Fact]
    public async Task A_shop_created_without_scopes_grants_the_four_read_scopes_of_ingestion()
    {
        var shop = await simulator.CreateShopAsync();

        var installation = (await shop.DataAsync(InstalledScopes)).GetProperty("currentAppInstallation");

        Assert.StartsWith("gid://shopify/AppInstallation/", installation.Id());
        Assert.Equal(DefaultScopes, Handles(installation));
        Assert.All(installation.GetProperty("accessScopes").EnumerateArray(), scope =>
            Assert.False(string.IsNullOrEmpty(scope.GetProperty("description").GetString()), $"{scope} has no description"));
    }

    [Fact]
    public async Task A_write_scope_also_grants_its_read_scope()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["write_orders"] });

        var data = await shop.DataAsync("{ currentAppInstallation { accessScopes { handle } } ordersCount { count } }");

        Assert.Equal(["write_orders", "read_orders"], Handles(data.GetProperty("currentAppInstallation")));
        Assert.True(data.GetProperty("ordersCount").GetProperty("count").GetInt32() > 0, "write_orders should let the token count orders");
    }

    [Fact]
    public async Task An_unknown_scope_handle_is_refused_when_creating_a_shop_and_when_changing_scopes()
    {
        var existing = await simulator.CreateShopAsync();

        using var creation = await simulator.Http.PostAsJsonAsync(
            "/_sim/shops", new { shop = "scoped.myshopify.com", accessToken = "t", scopes = UnknownAmongKnown });
        using var change = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{existing.Domain}/scopes", new { scopes = Unknown });

        foreach (var response in new[] { creation, change })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray();
            Assert.Contains(errors, e => e.GetString()!.Contains("read_everything", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_a_resource_scope_its_nullable_fields_are_null_with_ACCESS_DENIED_and_the_rest_of_the_query_still_answers()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_products", "read_orders"] });

        var response = await shop.QueryAsync("{ shop { name } productsCount { count } customersCount { count } }");

        var data = response.GetProperty("data");
        Assert.False(string.IsNullOrEmpty(data.GetProperty("shop").GetProperty("name").GetString()), "shop should still answer");
        Assert.True(data.GetProperty("productsCount").GetProperty("count").GetInt32() > 0, "productsCount should still answer");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("customersCount").ValueKind);
        AssertAccessDenied(response.SingleError(), "customersCount", "read_customers");
    }

    [Fact]
    public async Task Without_a_resource_scope_its_non_null_connection_takes_the_whole_data_with_it_as_GraphQL_requires()
    {
        // QueryRoot.customers is CustomerConnection! in 2025-10: its null propagates to data.
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_products", "read_orders"] });

        var response = await shop.QueryAsync("{ shop { name } customers(first: 5) { nodes { id } } }");

        Assert.Equal(JsonValueKind.Null, response.GetProperty("data").ValueKind);
        AssertAccessDenied(response.SingleError(), "customers", "read_customers");
    }

    [Fact]
    public async Task A_record_lookup_without_its_scope_is_denied_too()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_customers", "read_orders"] });

        var response = await shop.QueryAsync("{ product(id: \"gid://shopify/Product/1\") { id } }");

        Assert.Equal(JsonValueKind.Null, response.GetProperty("data").GetProperty("product").ValueKind);
        AssertAccessDenied(response.SingleError(), "product", "read_products");
    }

    [Fact]
    public async Task Scopes_changed_through_the_control_endpoint_apply_to_the_next_request()
    {
        var shop = await simulator.CreateShopAsync();

        await shop.SetScopesAsync("read_products");
        var revoked = await shop.QueryAsync("{ currentAppInstallation { accessScopes { handle } } ordersCount { count } }");
        await shop.SetScopesAsync(DefaultScopes);
        var granted = await shop.DataAsync("{ currentAppInstallation { accessScopes { handle } } ordersCount { count } }");

        Assert.Equal(["read_products"], Handles(revoked.GetProperty("data").GetProperty("currentAppInstallation")));
        AssertAccessDenied(revoked.SingleError(), "ordersCount", "read_orders");
        Assert.Equal(DefaultScopes, Handles(granted.GetProperty("currentAppInstallation")));
    }

    [Fact]
    public async Task Without_read_all_orders_orders_placed_more_than_60_days_ago_are_invisible_to_every_orders_field()
    {
        var recentOnly = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_orders"] });
        var allOrders = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_orders", "read_all_orders"] });
        var cutoff = simulator.Clock.GetUtcNow().AddDays(-60);

        var everything = await allOrders.WalkAsync("orders", "id createdAt", pageSize: 100);
        var recent = await recentOnly.WalkAsync("orders", "id createdAt", pageSize: 100);
        var counted = (await recentOnly.DataAsync("{ ordersCount { count } }")).GetProperty("ordersCount").GetProperty("count").GetInt32();
        var old = everything.First(o => o.Time("createdAt") < cutoff);
        var lookedUp = await recentOnly.DataAsync("query O($id: ID!) { order(id: $id) { id } }", new { id = old.Id() });

        var expected = everything.Where(o => o.Time("createdAt") >= cutoff).Select(o => o.Id()).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < everything.Count, "the shop should have orders older than 60 days for this test to mean anything");
        Assert.Equal(expected, recent.Select(o => o.Id()));
        Assert.Equal(expected.Count, counted);
        Assert.Equal(JsonValueKind.Null, lookedUp.GetProperty("order").ValueKind);
    }

    [Fact]
    public async Task The_60_day_window_also_holds_for_filtered_walks_in_any_sort_order()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Scopes = ["read_orders"] });
        var cutoff = simulator.Clock.GetUtcNow().AddDays(-60);

        var byCreation = await shop.WalkAsync("orders", "id createdAt", "sortKey: CREATED_AT, query: \"created_at:>='2020-01-01'\"", pageSize: 40);
        var byUpdate = await shop.WalkAsync("orders", "id createdAt", "sortKey: UPDATED_AT, reverse: true", pageSize: 40);

        Assert.NotEmpty(byCreation);
        Assert.All(byCreation.Concat(byUpdate), o => Assert.True(o.Time("createdAt") >= cutoff, $"{o} is older than 60 days"));
        Assert.Equal(byCreation.Select(o => o.Id()).Order(), byUpdate.Select(o => o.Id()).Order());
    }

    private static void AssertAccessDenied(JsonElement error, string field, string scope)
    {
        Assert.Equal($"Access denied for {field} field. Required access: `{scope}` access scope.", error.GetProperty("message").GetString());
        Assert.Equal([field], error.GetProperty("path").EnumerateArray().Select(p => p.GetString()));
        Assert.True(error.TryGetProperty("locations", out _), $"{error} should say where in the query the field stands");
        var extensions = error.GetProperty("extensions");
        Assert.Equal("ACCESS_DENIED", extensions.GetProperty("code").GetString());
        Assert.Equal($"`{scope}` access scope.", extensions.GetProperty("requiredAccess").GetString());
        Assert.StartsWith("https://shopify.dev/", extensions.GetProperty("documentation").GetString());
    }

    private static List<string?> Handles(JsonElement installation) =>
        [.. installation.GetProperty("accessScopes").EnumerateArray().Select(s => s.GetProperty("handle").GetString())];
}
