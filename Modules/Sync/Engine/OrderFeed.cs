using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Engine;

/// <summary>
/// Orders with their line items. Line items are the dear part of an order's cost, so a page asks for a few per
/// order and fetches the rest of the rare longer orders separately, before the page is written.
/// </summary>
internal sealed class OrderFeed(ShopifyAdminClient client, IOrderIngest ingest) : IResourceFeed<OrderRecord>
{
    private const int LineItemsPerOrder = 5;

    private const string LineItemFields = "id title quantity sku variant { id } product { id } originalUnitPriceSet { shopMoney { amount } }";

    private static readonly string PageQuery = $$"""
        query Orders($first: Int!, $after: String, $query: String, $withShop: Boolean!) {
          shop @include(if: $withShop) { currencyCode ianaTimezone }
          orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes {
              id name email createdAt processedAt updatedAt cancelledAt cancelReason test
              displayFinancialStatus displayFulfillmentStatus currencyCode presentmentCurrencyCode
              customer { id }
              totalPriceSet { shopMoney { amount } }
              subtotalPriceSet { shopMoney { amount } }
              currentTotalPriceSet { shopMoney { amount } presentmentMoney { amount } }
              totalRefundedSet { shopMoney { amount } }
              lineItems(first: {{LineItemsPerOrder}}) { pageInfo { hasNextPage endCursor } nodes { {{LineItemFields}} } }
            }
          }
        }
        """;

    private const string MoreLineItemsQuery = $$"""
        query OrderLineItems($id: ID!, $first: Int!, $after: String) {
          order(id: $id) {
            lineItems(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { {{LineItemFields}} } }
          }
        }
        """;

    /// <summary>A line item, its variant and product references, and its unit price.</summary>
    private const int LineItemCost = QueryCosts.Object + QueryCosts.Object + QueryCosts.Object + QueryCosts.MoneyBagOneSide;

    /// <summary>
    /// The order, its customer reference, four money bags with their shop side, the presentment side of the current
    /// total, and its line items.
    /// </summary>
    private static readonly int OrderCost = QueryCosts.Object + QueryCosts.Object + (4 * QueryCosts.MoneyBagOneSide) + QueryCosts.Object
        + QueryCosts.ConnectionCost(LineItemsPerOrder, LineItemCost);

    private static readonly int MoreLineItemsPage = QueryCosts.PageSize(250, LineItemCost, otherCost: QueryCosts.Object);

    private static readonly ChildQuery<OrderLineItemsData, LineItemNode> MoreLineItems = new(
        MoreLineItemsQuery, MoreLineItemsPage, QueryCosts.Object + QueryCosts.ConnectionCost(MoreLineItemsPage, LineItemCost),
        ShopifyJsonContext.Default.GraphQLResponseOrderLineItemsData, data => data.Order?.LineItems);

    public SyncResource Resource => SyncResource.Orders;

    public int PageSize(int wanted) => QueryCosts.PageSize(wanted, OrderCost, otherCost: QueryCosts.Object);

    public async Task<FetchedPage<OrderRecord>> FetchAsync(ShopAccess shop, PageRequest request, CancellationToken cancellationToken)
    {
        var result = await client.QueryAsync(shop, new ShopifyRequest(PageQuery, PageVariables.Of(request),
                QueryCosts.Object + QueryCosts.ConnectionCost(request.First, OrderCost)),
            ShopifyJsonContext.Default.GraphQLResponseOrdersData, cancellationToken);
        var orders = result.Data.Orders;
        var (records, moreUsage) = await RemainingChildren.CompleteAsync(
            client, shop, orders.Nodes, order => (order.Id, order.LineItems), MoreLineItems, ToRecord, cancellationToken);
        return FetchedPages.Of(records, r => r.UpdatedAt, orders.PageInfo, result.Data.Shop, result.Usage + moreUsage);
    }

    public Task<IngestResult> IngestAsync(IngestTransaction transaction, IReadOnlyList<OrderRecord> records, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.UpsertAsync(transaction, records, shopTimeZone, cancellationToken);

    private static OrderRecord ToRecord(OrderNode order, IReadOnlyList<LineItemNode> lineItems) => new()
    {
        ShopifyId = ShopifyGid.Numeric(order.Id),
        Name = order.Name,
        Email = order.Email,
        CustomerShopifyId = ShopifyGid.NumericOrNull(order.Customer),
        CreatedAt = order.CreatedAt,
        ProcessedAt = order.ProcessedAt,
        UpdatedAt = order.UpdatedAt,
        CancelledAt = order.CancelledAt,
        CancelReason = order.CancelReason,
        Test = order.Test,
        DisplayFinancialStatus = order.DisplayFinancialStatus,
        DisplayFulfillmentStatus = order.DisplayFulfillmentStatus,
        CurrencyCode = order.CurrencyCode,
        TotalPrice = order.TotalPriceSet.ShopMoney.Amount,
        SubtotalPrice = order.SubtotalPriceSet.ShopMoney.Amount,
        CurrentTotalPrice = order.CurrentTotalPriceSet.ShopMoney.Amount,
        TotalRefunded = order.TotalRefundedSet.ShopMoney.Amount,
        PresentmentCurrencyCode = order.PresentmentCurrencyCode,
        PresentmentCurrentTotalPrice = order.CurrentTotalPriceSet.PresentmentMoney?.Amount,
        LineItems = [.. lineItems.Select(item => new LineItemRecord
        {
            ShopifyId = ShopifyGid.Numeric(item.Id),
            Title = item.Title,
            Quantity = item.Quantity,
            Sku = item.Sku,
            VariantShopifyId = ShopifyGid.NumericOrNull(item.Variant),
            ProductShopifyId = ShopifyGid.NumericOrNull(item.Product),
            OriginalUnitPrice = item.OriginalUnitPriceSet.ShopMoney.Amount,
        })],
    };
}
