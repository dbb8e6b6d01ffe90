using Microsoft.Extensions.Logging.Abstractions;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Resources.Orders;
using static ShopIngest.UnitTests.Sync.ScriptedShopify;

namespace ShopIngest.UnitTests.Sync;

public sealed class OrderFeedTests
{
    private const string Cost = """{"cost":{"requestedQueryCost":991,"actualQueryCost":20,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1980,"restoreRate":100.0}}}""";

    // JSON written with single quotes, turned into double quotes, so pieces can be joined without escaping.
    private static string LineItem(int id) =>
        $"{{'id':'gid://shopify/LineItem/{id}','title':'Item','quantity':1,'sku':null,'variant':{{'id':'gid://shopify/ProductVariant/7'}},'product':null,'originalUnitPriceSet':{{'shopMoney':{{'amount':'10.5'}}}}}}".Replace('\'', '"');

    private static readonly string OrdersPage = $$$"""
        {"data":{"orders":{"pageInfo":{"hasNextPage":false,"endCursor":"o1"},"nodes":[{
          "id":"gid://shopify/Order/1001","name":"#1001","email":null,"createdAt":"2025-01-01T00:00:00Z","processedAt":"2025-01-01T00:00:00Z",
          "updatedAt":"2025-01-02T00:00:00Z","cancelledAt":null,"cancelReason":null,"test":false,"displayFinancialStatus":"PAID",
          "displayFulfillmentStatus":"FULFILLED","currencyCode":"EUR","presentmentCurrencyCode":"EUR","customer":null,
          "totalPriceSet":{"shopMoney":{"amount":"31.5"}},"subtotalPriceSet":{"shopMoney":{"amount":"31.5"}},
          "currentTotalPriceSet":{"shopMoney":{"amount":"31.5"},"presentmentMoney":{"amount":"31.5"}},"totalRefundedSet":{"shopMoney":{"amount":"0.0"}},
          "lineItems":{"pageInfo":{"hasNextPage":true,"endCursor":"li1"},"nodes":[{{{LineItem(1)}}}]}}]}},"extensions":{{{Cost}}}}
        """;

    private static readonly string MoreLineItems =
        "{\"data\":{\"order\":{\"lineItems\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"li3\"},\"nodes\":[" + LineItem(2) + "," + LineItem(3) + "]}}},\"extensions\":" + Cost + "}";

    [Fact]
    public async Task An_order_with_more_line_items_than_its_page_holds_gets_the_rest_before_it_is_written()
    {
        var shopify = new ScriptedShopify(() => Json(OrdersPage), () => Json(MoreLineItems));
        var feed = new OrderFeed(ShopifyClients.Create(shopify, new SleeplessTime()), ingest: null!, NullLogger<OrderFeed>.Instance);

        var page = await feed.FetchAsync(ShopifyClients.Shop, new PageRequest(26, null, null, WithShop: false), CancellationToken.None);

        var order = Assert.Single(page.Records);
        Assert.Equal([1L, 2L, 3L], order.LineItems.Select(item => item.ShopifyId));
        Assert.Equal(10.5m, order.LineItems[2].OriginalUnitPrice);
        Assert.Equal(2, page.Usage.Requests);
        Assert.Contains("\"after\":\"li1\"", shopify.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"gid://shopify/Order/1001\"", shopify.Requests[1].Body, StringComparison.Ordinal);
    }
}
