using System.Net;
using ShopIngest.Modules.Sync.Resources.Products;
using ShopIngest.Modules.Sync.Shopify;
using static ShopIngest.UnitTests.Sync.ScriptedShopify;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// How the client classifies each kind of answer Shopify documents, replayed from the hand-written fixtures in
/// tests/ShopifyFixtures/answers (not from our simulator).
/// </summary>
public sealed class ShopifyAnswerTests
{
    private const string EmptyProducts = """{"data":{"products":{"nodes":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}},"extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":2,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1998,"restoreRate":100.0}}}}""";

    private readonly SleeplessTime _time = new();

    private static HttpResponseMessage Answer(string fixture, int status = 200) => Json(ShopifyFixtures.Read($"answers/{fixture}"), (HttpStatusCode)status);

    private Task<ShopifyResult<ProductsData>> QueryAsync(ScriptedShopify shopify) =>
        ShopifyClients.Create(shopify, _time).QueryAsync(
            ShopifyClients.Shop, new ShopifyRequest("query { products(first: 1) { nodes { id } } }", new Dictionary<string, object?>(), 12),
            ShopifyJsonContext.Default.GraphQLResponseProductsData, CancellationToken.None);

    [Fact]
    public async Task Http_401_means_the_token_was_refused_and_is_not_retried()
    {
        var shopify = new ScriptedShopify(() => Answer("401-invalid-token.json", 401));

        var refused = await Assert.ThrowsAsync<ShopifyCredentialsRejectedException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Contains("refused the access token", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_403_means_a_scope_is_missing_and_keeps_Shopifys_words_naming_it()
    {
        var shopify = new ScriptedShopify(() => Answer("403-scope-needs-approval.json", 403));

        var denied = await Assert.ThrowsAsync<ShopifyAccessDeniedException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Contains("read_customers", denied.ShopifyMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_in_a_200_answer_is_a_missing_scope_even_though_other_fields_were_answered()
    {
        var shopify = new ScriptedShopify(() => Answer("200-access-denied.json"));

        var denied = await Assert.ThrowsAsync<ShopifyAccessDeniedException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Contains("read_customers", denied.RequiredAccess, StringComparison.Ordinal);
        Assert.Equal(1, denied.Usage.PointsSpent);
    }

    [Theory]
    [InlineData("402-shop-frozen.json", 402, "frozen")]
    [InlineData("423-shop-locked.json", 423, "locked")]
    [InlineData("404-shop-not-found.json", 404, "not found")]
    public async Task A_shop_Shopify_will_not_serve_is_reported_as_unavailable_at_once(string fixture, int status, string explanation)
    {
        var shopify = new ScriptedShopify(() => Answer(fixture, status));

        var unavailable = await Assert.ThrowsAsync<ShopifyShopUnavailableException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Empty(_time.Sleeps);
        Assert.Equal(status, (int)unavailable.Status);
        Assert.Contains(explanation, unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_430_is_retried_with_backoff_like_a_server_error()
    {
        var shopify = new ScriptedShopify(() => Answer("430-security-rejection.json", 430), () => Json(EmptyProducts));

        var result = await QueryAsync(shopify);

        Assert.Equal(2, shopify.Requests.Count);
        Assert.Equal(1, result.Usage.TransientRetries);
        Assert.Single(_time.Sleeps);
    }

    [Fact]
    public async Task Max_cost_exceeded_reports_the_requested_cost_so_the_page_can_shrink()
    {
        var shopify = new ScriptedShopify(() => Answer("200-max-cost-exceeded.json"));

        var tooCostly = await Assert.ThrowsAsync<ShopifyMaxCostExceededException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Equal(1252, tooCostly.RequestedCost);
    }

    [Fact]
    public async Task Data_beside_any_other_error_is_never_used_and_the_first_error_is_what_fails()
    {
        var shopify = new ScriptedShopify(() => Answer("200-partial-data-internal-error.json"));

        var refused = await Assert.ThrowsAsync<ShopifyQueryException>(() => QueryAsync(shopify));

        Assert.Single(shopify.Requests);
        Assert.Contains("INTERNAL_SERVER_ERROR: Internal error.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("second problem", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_is_waited_out_until_the_bucket_holds_the_query_and_then_retried()
    {
        var shopify = new ScriptedShopify(() => Answer("200-throttled.json"), () => Json(EmptyProducts));

        var result = await QueryAsync(shopify);

        Assert.Equal(2, shopify.Requests.Count);
        Assert.Equal(1, result.Usage.ThrottledResponses);
    }
}
