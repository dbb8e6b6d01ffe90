using System.Net;
using System.Text.Json;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Api;

/// <summary>The dashboard's questions over GraphQL and REST, for a shop whose data went through the ingest contracts.</summary>
[Collection(AppHostTests.Name)]
public sealed class DashboardApiTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset June1 = new(2025, 6, 1, 15, 0, 0, TimeSpan.Zero);

    private TestTenant _shop = null!;
    private TestTenant _otherShop = null!;
    private ModuleServices _modules = null!;

    public async Task InitializeAsync()
    {
        _modules = await ModuleServices.CreateAsync(fixture);
        _shop = await fixture.SignUpAsync();
        _otherShop = await fixture.SignUpAsync();
        await SeedAsync(_shop.Id,
            [Customer(1, amountSpent: 300m, numberOfOrders: 3), Customer(2, amountSpent: 300m, numberOfOrders: 5), Customer(3, amountSpent: 50m, numberOfOrders: 1)],
            [
                Order(1, June1, currentTotal: 100.10m, customerId: 1, lineItems: [LineItem(11), LineItem(12)]),
                Order(2, June1.AddDays(1), currentTotal: 80m, total: 100m, customerId: 2, financialStatus: "PARTIALLY_REFUNDED", lineItems: [LineItem(21)]),
                Order(3, June1.AddDays(1), currentTotal: 999m, test: true),
                Order(4, June1.AddDays(2), currentTotal: 500m, cancelledAt: June1.AddDays(2)),
                Order(5, June1.AddDays(3), currentTotal: 19.90m, customerId: 99),
            ],
            [Product(1, title: "Shirt", variants: [Variant(101), Variant(102)]), Product(2, title: "Hat", status: "DRAFT", variants: [Variant(201)])]);
        await SeedAsync(_otherShop.Id,
            [Customer(1, amountSpent: 9999m, numberOfOrders: 9, name: "Other shop's customer")],
            [Order(1, June1, currentTotal: 7777m, customerId: 1)],
            [Product(1, title: "Other shop's product")]);
    }

    public async Task DisposeAsync() => await _modules.DisposeAsync();

    [Fact]
    public async Task Stats_count_only_orders_that_are_neither_test_nor_cancelled_with_exact_decimals()
    {
        var stats = (await QueryAsync("{ stats { totalRevenue grossRevenue totalOrders averageOrderValue totalCustomers currency } }")).GetProperty("stats");

        Assert.Equal(200.00m, stats.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(220.00m, stats.GetProperty("grossRevenue").GetDecimal());
        Assert.Equal(3, stats.GetProperty("totalOrders").GetInt64());
        Assert.Equal(200.00m / 3, stats.GetProperty("averageOrderValue").GetDecimal());
        Assert.Equal(3, stats.GetProperty("totalCustomers").GetInt64());
    }

    [Fact]
    public async Task Stats_of_a_range_count_the_days_of_the_range_only()
    {
        var stats = (await QueryAsync("""{ stats(from: "2025-06-02", to: "2025-06-04") { totalRevenue totalOrders } }""")).GetProperty("stats");

        Assert.Equal(99.90m, stats.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(2, stats.GetProperty("totalOrders").GetInt64());
    }

    [Fact]
    public async Task Sales_by_date_has_one_point_per_day_of_the_range_including_empty_days()
    {
        var points = (await QueryAsync("""{ salesByDate(from: "2025-05-31", to: "2025-06-05") { date orders revenue } }""")).GetProperty("salesByDate");

        Assert.Equal(["2025-05-31", "2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05"],
            points.EnumerateArray().Select(p => p.GetProperty("date").GetString()));
        Assert.Equal([0L, 1, 1, 0, 1, 0], points.EnumerateArray().Select(p => p.GetProperty("orders").GetInt64()));
        Assert.Equal(100.10m, points[1].GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task Top_customers_rank_by_amount_spent_then_by_more_orders()
    {
        var top = (await QueryAsync("{ topCustomers(first: 2) { id shopifyId name amountSpent numberOfOrders } }")).GetProperty("topCustomers");

        Assert.Equal(["gid://shopify/Customer/2", "gid://shopify/Customer/1"], top.EnumerateArray().Select(c => c.GetProperty("shopifyId").GetString()));
        Assert.NotEqual(top[0].GetProperty("id").GetString(), top[0].GetProperty("shopifyId").GetString());
    }

    [Fact]
    public async Task Orders_come_with_their_customer_and_line_items_and_a_missing_customer_is_null()
    {
        var orders = (await QueryAsync("""
            { orders(first: 10, sort: PROCESSED_AT) { totalCount edges { node { shopifyId customer { shopifyId } lineItems { shopifyId } } } } }
            """)).GetProperty("orders");

        Assert.Equal(5, orders.GetProperty("totalCount").GetInt32());
        var first = orders.GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("gid://shopify/Customer/1", first.GetProperty("customer").GetProperty("shopifyId").GetString());
        Assert.Equal(2, first.GetProperty("lineItems").GetArrayLength());
        var withUnknownCustomer = orders.GetProperty("edges").EnumerateArray().Single(e => e.GetProperty("node").GetProperty("shopifyId").GetString() == "gid://shopify/Order/5");
        Assert.Equal(JsonValueKind.Null, withUnknownCustomer.GetProperty("node").GetProperty("customer").ValueKind);
    }

    [Fact]
    public async Task Paging_through_orders_returns_every_order_once()
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await QueryAsync("query($after: String) { orders(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { shopifyId } } }", new { after })).GetProperty("orders");
            seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("shopifyId").GetString()!));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task Orders_filter_by_financial_status_and_customers_and_products_by_search()
    {
        var refunded = (await QueryAsync("""{ orders(financialStatus: "PARTIALLY_REFUNDED") { nodes { shopifyId } } }""")).GetProperty("orders").GetProperty("nodes");
        var drafts = (await QueryAsync("""{ products(status: "DRAFT") { nodes { title variants { sku } } } }""")).GetProperty("products").GetProperty("nodes");
        var shirts = (await QueryAsync("""{ products(search: "shir") { nodes { title variants { sku price } } } }""")).GetProperty("products").GetProperty("nodes");

        Assert.Equal("gid://shopify/Order/2", Assert.Single(refunded.EnumerateArray()).GetProperty("shopifyId").GetString());
        Assert.Equal("Hat", Assert.Single(drafts.EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(2, Assert.Single(shirts.EnumerateArray()).GetProperty("variants").GetArrayLength());
    }

    [Fact]
    public async Task Nothing_of_another_shop_is_visible()
    {
        var data = await QueryAsync("{ stats { totalRevenue } topCustomers(first: 100) { name } customers(first: 250) { nodes { name } } products(first: 250) { nodes { title } } orders(first: 250) { nodes { currentTotalPrice } } }");

        var text = data.ToString();
        Assert.DoesNotContain("Other shop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7777", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9999", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ orders(first: 251) { totalCount } }")]
    [InlineData("{ topCustomers(first: 101) { name } }")]
    [InlineData("""{ stats(from: "2025-06-05", to: "2025-06-01") { totalOrders } }""")]
    [InlineData("""{ orders(after: "not-a-cursor") { totalCount } }""")]
    public async Task Bad_arguments_are_refused_with_BAD_USER_INPUT(string query)
    {
        using var client = fixture.CreateHostClient(_shop.Token);

        var response = await (await client.PostGraphQLAsync(query)).ReadJsonAsync();

        Assert.Equal("BAD_USER_INPUT", response.ErrorCode());
    }

    [Theory]
    [InlineData("{ stats { totalOrders } }")]
    [InlineData("""{ salesByDate(from: "2025-06-01", to: "2025-06-02") { date } }""")]
    [InlineData("{ topCustomers { name } }")]
    [InlineData("{ orders { totalCount } }")]
    [InlineData("{ customers { totalCount } }")]
    [InlineData("{ products { totalCount } }")]
    public async Task Every_field_refuses_a_request_without_a_token(string query)
    {
        using var client = fixture.CreateHostClient();

        var response = await (await client.PostGraphQLAsync(query)).ReadJsonAsync();

        Assert.Equal("AUTH_NOT_AUTHENTICATED", response.ErrorCode());
    }

    [Fact]
    public async Task The_REST_endpoints_answer_the_seeds_contract()
    {
        using var client = fixture.CreateHostClient(_shop.Token);

        var stats = await (await client.GetAsync("/api/dashboard/stats")).ReadJsonAsync();
        var chart = await (await client.GetAsync("/api/dashboard/chart?from=2025-06-01&to=2025-06-03")).ReadJsonAsync();
        var defaultChart = await (await client.GetAsync("/api/dashboard/chart")).ReadJsonAsync();
        var top = await (await client.GetAsync($"/api/dashboard/top-customers?shopId={_shop.Id}")).ReadJsonAsync();

        Assert.Equal(200.00m, stats.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(3, stats.GetProperty("totalOrders").GetInt64());
        Assert.Equal(3, chart.GetArrayLength());
        Assert.Equal(100.10m, chart[0].GetProperty("sales").GetDecimal());
        Assert.Equal(30, defaultChart.GetArrayLength());
        Assert.Equal("gid://shopify/Customer/2", top[0].GetProperty("shopifyId").GetString());
    }

    [Theory]
    [InlineData("/api/dashboard/stats")]
    [InlineData("/api/dashboard/chart")]
    [InlineData("/api/dashboard/top-customers")]
    public async Task The_REST_endpoints_refuse_a_request_without_a_token(string path)
    {
        using var client = fixture.CreateHostClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_shopId_of_another_shop_is_forbidden()
    {
        using var client = fixture.CreateHostClient(_shop.Token);

        using var response = await client.GetAsync($"/api/dashboard/stats?shopId={_otherShop.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/dashboard/chart?from=yesterday")]
    [InlineData("/api/dashboard/chart?from=2025-06-05&to=2025-06-01")]
    [InlineData("/api/dashboard/stats?to=2025-13-01")]
    // The ends of the calendar: a default range before them or the day after them does not exist.
    [InlineData("/api/dashboard/stats?from=9999-12-31")]
    [InlineData("/api/dashboard/stats?to=0001-01-01")]
    [InlineData("/api/dashboard/stats?from=0001-01-01&to=9999-12-31")]
    [InlineData("/api/dashboard/chart?to=0001-01-01")]
    [InlineData("/api/dashboard/chart?from=9999-12-31")]
    [InlineData("/api/dashboard/chart?from=9999-12-31&to=9999-12-31")]
    [InlineData("/api/dashboard/chart?from=0001-01-01&to=0001-01-01")]
    [InlineData("/api/dashboard/chart?from=1899-12-31&to=1900-01-01")]
    // With to left out it is the shop's today, which a later from must not pass.
    [InlineData("/api/dashboard/chart?from=2999-12-31")]
    public async Task Bad_REST_parameters_get_400_with_a_problem_body(string path)
    {
        var (status, body) = await GetAsync(path);

        Assert.True(status == HttpStatusCode.BadRequest, $"{path} answered {(int)status}, not 400: {body}");
        Assert.True(body.Contains("\"code\":\"BAD_USER_INPUT\"", StringComparison.Ordinal), $"{path} answered 400 without the code BAD_USER_INPUT: {body}");
    }

    [Theory]
    [InlineData("/api/dashboard/stats?from=1900-01-01&to=2999-12-31")]
    [InlineData("/api/dashboard/chart?from=2999-12-01&to=2999-12-31")]
    [InlineData("/api/dashboard/chart?from=1900-01-01&to=1900-01-31")]
    public async Task Days_at_the_ends_of_the_accepted_range_are_answered(string path)
    {
        var (status, body) = await GetAsync(path);

        Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}, not 200: {body}");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_REST_endpoints()
    {
        using var client = fixture.CreateHostClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/dashboard/stats", out _));
        Assert.True(paths.TryGetProperty("/api/dashboard/chart", out _));
        Assert.True(paths.TryGetProperty("/api/auth", out _));
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var client = fixture.CreateHostClient(_shop.Token);
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var client = fixture.CreateHostClient(_shop.Token);
        var response = await (await client.PostGraphQLAsync(query, variables)).ReadJsonAsync();
        Assert.Null(response.ErrorCode());
        return response.GetProperty("data");
    }

    private async Task SeedAsync(Guid tenantId, CustomerRecord[] customers, OrderRecord[] orders, ProductRecord[] products) =>
        await _modules.IngestAsync(tenantId, async transaction =>
        {
            await _modules.Get<ICustomerIngest>().UpsertAsync(transaction, customers);
            await _modules.Get<IOrderIngest>().UpsertAsync(transaction, orders, "UTC");
            return await _modules.Get<IProductIngest>().UpsertAsync(transaction, products);
        });
}
