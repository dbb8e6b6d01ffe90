using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Resources.Customers;
using ShopIngest.Modules.Sync.Resources.Products;
using ShopIngest.Modules.Sync.Shopify;
using static ShopIngest.UnitTests.Sync.ScriptedShopify;

namespace ShopIngest.UnitTests.Sync;

public sealed class ShopifyAdminClientTests
{
    private const string EmptyProducts = """{"products":{"nodes":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}}""";

    private readonly SleeplessTime _time = new();

    private static ShopifyRequest Request(int cost = 500) => new("query { products(first: 1) { nodes { id } } }", new Dictionary<string, object?>(), cost);

    private static HttpResponseMessage Products(int requested = 500, int actual = 2, double available = 1500) =>
        Json($$$"""{"data":{{{EmptyProducts}}},"extensions":{{{Cost(requested, actual, available)}}}}""");

    private Task<ShopifyResult<ProductsData>> QueryAsync(ScriptedShopify shopify, SyncOptions? options = null) =>
        ShopifyClients.Create(shopify, _time, options).QueryAsync(ShopifyClients.Shop, Request(), ShopifyJsonContext.Default.GraphQLResponseProductsData, CancellationToken.None);

    [Fact]
    public async Task It_posts_to_the_shops_admin_api_of_the_configured_version_with_the_access_token()
    {
        var shopify = new ScriptedShopify(() => Products());

        await QueryAsync(shopify);

        var (request, body) = Assert.Single(shopify.Requests);
        Assert.Equal("http://shopify.test/shops/test-shop.myshopify.com/admin/api/2025-10/graphql.json", request.RequestUri!.ToString());
        Assert.Equal("shpat_test", Assert.Single(request.Headers.GetValues("X-Shopify-Access-Token")));
        Assert.Contains("\"query\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_query_waits_exactly_until_the_bucket_holds_its_cost_and_is_retried()
    {
        var shopify = new ScriptedShopify(() => Throttled(requested: 500, available: 100, restoreRate: 50), () => Products());

        var result = await QueryAsync(shopify);

        Assert.Equal([TimeSpan.FromSeconds(8)], _time.Sleeps);
        Assert.Equal(2, shopify.Requests.Count);
        Assert.Equal(1, result.Usage.ThrottledResponses);
        Assert.Equal(TimeSpan.FromSeconds(8), result.Usage.ThrottleWait);
    }

    [Fact]
    public async Task The_next_query_waits_before_it_is_sent_when_the_last_answer_left_too_few_points()
    {
        var shopify = new ScriptedShopify(() => Products(available: 300), () => Products());
        var client = ShopifyClients.Create(shopify, _time);

        await client.QueryAsync(ShopifyClients.Shop, Request(500), ShopifyJsonContext.Default.GraphQLResponseProductsData, CancellationToken.None);
        var second = await client.QueryAsync(ShopifyClients.Shop, Request(500), ShopifyJsonContext.Default.GraphQLResponseProductsData, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(4)], _time.Sleeps);
        Assert.Equal(0, second.Usage.ThrottledResponses);
    }

    [Fact]
    public async Task Http_429_is_waited_out_for_as_long_as_Retry_After_says()
    {
        var tooMany = () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
            return response;
        };
        var shopify = new ScriptedShopify(tooMany, () => Products());

        var result = await QueryAsync(shopify);

        Assert.Equal([TimeSpan.FromSeconds(2)], _time.Sleeps);
        Assert.Equal(1, result.Usage.ThrottledResponses);
    }

    [Fact]
    public async Task Server_errors_resets_and_malformed_json_are_retried_with_backoff()
    {
        var shopify = new ScriptedShopify(
            () => Json("""{"errors":"Internal Server Error"}""", HttpStatusCode.InternalServerError),
            () => throw new HttpRequestException("Connection reset by peer"),
            () => Json("""{"data":{"products":{"nod"""),
            () => Products());

        var result = await QueryAsync(shopify);

        Assert.Equal(4, shopify.Requests.Count);
        Assert.Equal(3, result.Usage.TransientRetries);
        Assert.Equal(3, _time.Sleeps.Count);
    }

    [Fact]
    public void Backoff_doubles_with_each_failure_up_to_the_limit_and_is_jittered_within_its_step()
    {
        var options = new SyncOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(8) };

        for (var failure = 1; failure <= 6; failure++)
        {
            var step = TimeSpan.FromSeconds(Math.Min(8, Math.Pow(2, failure - 1)));
            var delay = ShopifyAdminClient.Backoff(failure, options);
            Assert.InRange(delay, step / 2, step);
        }
    }

    [Fact]
    public async Task After_the_retry_limit_the_query_fails_saying_what_went_wrong()
    {
        var shopify = new ScriptedShopify { Otherwise = () => Json("""{"errors":"Service Unavailable"}""", HttpStatusCode.ServiceUnavailable) };

        var failure = await Assert.ThrowsAsync<ShopifyUnavailableException>(() => QueryAsync(shopify, new SyncOptions { MaxTransientRetries = 3 }));

        Assert.Equal(4, shopify.Requests.Count);
        Assert.Contains("HTTP 503", failure.Message, StringComparison.Ordinal);
        Assert.Contains("checkpoint is kept", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_Shopify_refuses_is_not_retried()
    {
        var shopify = new ScriptedShopify(() => Json("""{"errors":[{"message":"Field 'nope' doesn't exist on type 'Product'","extensions":{"code":"undefinedField"}}]}"""));

        var failure = await Assert.ThrowsAsync<ShopifyQueryException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Contains("doesn't exist on type 'Product'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Money_and_counts_sent_as_strings_are_read_exactly()
    {
        var page = """
            {"data":{"shop":{"currencyCode":"EUR","ianaTimezone":"Europe/Paris"},"customers":{"pageInfo":{"hasNextPage":false,"endCursor":"c1"},"nodes":[
              {"id":"gid://shopify/Customer/42","firstName":"Ada","lastName":"Byron","displayName":"Ada Byron",
               "defaultEmailAddress":{"emailAddress":"ada@example.com"},"defaultPhoneNumber":null,
               "defaultAddress":{"city":"London","province":null,"country":"United Kingdom","countryCodeV2":"GB"},
               "amountSpent":{"amount":"24.9","currencyCode":"EUR"},"numberOfOrders":"3","tags":["vip"],
               "createdAt":"2024-01-02T03:04:05Z","updatedAt":"2025-06-07T08:09:10Z"}]}},
             "extensions":{"cost":{"requestedQueryCost":996,"actualQueryCost":6,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1994,"restoreRate":100.0}}}}
            """;
        var feed = new CustomerFeed(ShopifyClients.Create(new ScriptedShopify(() => Json(page)), _time), ingest: null!, NullLogger<CustomerFeed>.Instance);

        var fetched = await feed.FetchAsync(ShopifyClients.Shop, new PageRequest(199, null, null, WithShop: true), CancellationToken.None);

        var customer = Assert.Single(fetched.Records);
        Assert.Equal(42, customer.ShopifyId);
        Assert.Equal(24.9m, customer.AmountSpent);
        Assert.Equal(3, customer.NumberOfOrders);
        Assert.Equal("ada@example.com", customer.Email);
        Assert.Equal("GB", customer.CountryCode);
        Assert.Equal(new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero), fetched.MaxUpdatedAt);
        Assert.Equal("Europe/Paris", fetched.Shop!.IanaTimezone);
        Assert.Equal(6, fetched.Usage.PointsSpent);
    }
}
