using System.Text.RegularExpressions;
using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed partial class WireFormatTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_wrong_access_token_gets_401_with_Shopifys_body()
    {
        var shop = await simulator.CreateShopAsync();

        using var response = await shop.PostGraphQLAsync("{ shop { name } }", token: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_access_token_gets_401()
    {
        var shop = await simulator.CreateShopAsync();

        using var response = await simulator.Http.PostAsJsonAsync(shop.GraphQLPath, new { query = "{ shop { name } }" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_shop_gets_404()
    {
        var client = new ShopClient(simulator.Http, "no-such-shop.myshopify.com", "token");

        using var response = await client.PostGraphQLAsync("{ shop { name } }");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_field_that_does_not_exist_gets_Shopifys_validation_error_not_null()
    {
        var shop = await simulator.CreateShopAsync();

        var response = await shop.QueryAsync("{ orders(first: 1) { nodes { id totalPrice } } }");

        Assert.False(response.TryGetProperty("data", out _));
        var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
        Assert.Equal("Field 'totalPrice' doesn't exist on type 'Order'", error.GetProperty("message").GetString());
        Assert.Equal("undefinedField", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.True(response.Cost().TryGetProperty("requestedQueryCost", out _));
    }

    [Fact]
    public async Task A_query_served_before_still_has_its_variables_checked()
    {
        var shop = await simulator.CreateShopAsync();
        var query = $"query Page{Guid.NewGuid():N}($first: Int!) {{ orders(first: $first) {{ nodes {{ id }} }} }}";
        await shop.DataAsync(query, new { first = 1 });

        var wrongType = await shop.QueryAsync(query, new { first = "many" });
        var missing = await shop.QueryAsync(query);

        foreach (var response in new[] { wrongType, missing })
        {
            Assert.False(response.TryGetProperty("data", out _));
            var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
            Assert.Contains("$first", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ids_times_money_and_counts_have_Shopifys_wire_formats()
    {
        var shop = await simulator.CreateShopAsync();

        var order = (await shop.DataAsync("""
            { orders(first: 1) {
                nodes { id name createdAt totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
                        customer { numberOfOrders amountSpent { amount } }
                        lineItems(first: 1) { nodes { variant { price } } } } } }
            """)).GetProperty("orders").GetProperty("nodes")[0];

        Assert.Matches(GidPattern(), order.Id());
        Assert.Matches(@"^#\d+$", order.GetProperty("name").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", order.GetProperty("createdAt").GetString());
        Assert.Matches(DecimalPattern(), order.GetProperty("totalPriceSet").GetProperty("shopMoney").GetProperty("amount").GetString());
        Assert.Equal("USD", order.GetProperty("totalPriceSet").GetProperty("shopMoney").GetProperty("currencyCode").GetString());
        Assert.Matches(DecimalPattern(), order.GetProperty("lineItems").GetProperty("nodes")[0].GetProperty("variant").GetProperty("price").GetString());
        if (order.GetProperty("customer").ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(JsonValueKind.String, order.GetProperty("customer").GetProperty("numberOfOrders").ValueKind);
        }
    }

    [Fact]
    public async Task The_shop_reports_its_currency_time_zone_and_plan()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Currency = "EUR", Timezone = "Europe/Berlin" });

        var data = (await shop.DataAsync("{ shop { myshopifyDomain currencyCode ianaTimezone plan { shopifyPlus } } }")).GetProperty("shop");

        Assert.Equal(shop.Domain, data.GetProperty("myshopifyDomain").GetString());
        Assert.Equal("EUR", data.GetProperty("currencyCode").GetString());
        Assert.Equal("Europe/Berlin", data.GetProperty("ianaTimezone").GetString());
        Assert.False(data.GetProperty("plan").GetProperty("shopifyPlus").GetBoolean());
    }

    [Fact]
    public async Task A_record_can_be_fetched_by_its_gid()
    {
        var shop = await simulator.CreateShopAsync();
        var first = (await shop.DataAsync("{ customers(first: 1) { nodes { id displayName } } }")).GetProperty("customers").GetProperty("nodes")[0];

        var fetched = await shop.DataAsync("query C($id: ID!) { customer(id: $id) { id displayName } }", new { id = first.Id() });

        Assert.Equal(first.GetProperty("displayName").GetString(), fetched.GetProperty("customer").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Control_requests_that_make_no_sense_are_refused_with_the_reasons()
    {
        using var response = await simulator.Http.PostAsJsonAsync("/_sim/shops", new { shop = "x.myshopify.com", accessToken = "t", currency = "ABC", orders = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains("currency", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("orders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_health_endpoint_answers()
    {
        using var response = await simulator.Http.GetAsync("/_sim/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex(@"^gid://shopify/Order/\d+$")]
    private static partial Regex GidPattern();

    [GeneratedRegex(@"^-?\d+\.\d{1,2}$")]
    private static partial Regex DecimalPattern();
}
