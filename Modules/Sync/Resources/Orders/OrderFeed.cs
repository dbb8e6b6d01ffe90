using Microsoft.Extensions.Logging;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources.Orders;

/// <summary>
/// Orders with their line items. Line items are the dear part of an order's cost, so a page asks for a few per
/// order and fetches the rest of the rare longer orders separately, before the page is written. Fields Shopify declares
/// nullable are stored as null; an order or line item that lacks what a record needs is skipped, logged and counted.
/// </summary>
internal sealed class OrderFeed(ShopifyAdminClient client, IOrderIngest ingest, ILogger<OrderFeed> logger) : IResourceFeed<OrderRecord>
{
    private const int LineItemsPerOrder = 5;

    private const string LineItemFields = "id title quantity sku variant { id } product { id } originalUnitPriceSet { shopMoney { amount } }";

    private const string OrderFields = """
        id name email createdAt processedAt updatedAt cancelledAt cancelReason test
        displayFinancialStatus displayFulfillmentStatus currencyCode presentmentCurrencyCode
        customer { id }
        totalPriceSet { shopMoney { amount } }
        subtotalPriceSet { shopMoney { amount } }
        currentTotalPriceSet { shopMoney { amount } presentmentMoney { amount } }
        totalRefundedSet { shopMoney { amount } }
        """;

    private static readonly string PageQuery = $$"""
        query Orders($first: Int!, $after: String, $query: String, $withShop: Boolean!) {
          shop @include(if: $withShop) { currencyCode ianaTimezone }
          orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
            pageInfo { hasNextPage endCursor }
            nodes {
              {{OrderFields}}
              lineItems(first: {{LineItemsPerOrder}}) { pageInfo { hasNextPage endCursor } nodes { {{LineItemFields}} } }
            }
          }
        }
        """;

    /// <summary>Every order and every line item: each line item a line of its own, with its order's id as <c>__parentId</c>.</summary>
    private const string ExportQuery = $$"""
        {
          orders {
            edges { node {
              {{OrderFields}}
              lineItems { edges { node { {{LineItemFields}} } } }
            } }
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
        var orders = FetchedPages.Required(result.Data.Orders, "orders", result.Usage);
        var tally = new PageTally(logger, "Order");
        var usable = new List<(OrderNode Node, long Id)>(orders.Nodes.Count);
        foreach (var order in tally.Present(orders.Nodes))
        {
            if (Accept(order, tally, out var id))
            {
                usable.Add((order, id));
            }
        }

        var (records, moreUsage) = await RemainingChildren.CompleteAsync(
            client, shop, usable, order => (order.Node.Id, order.Node.LineItems), MoreLineItems,
            (order, lineItems) => ToRecord(order.Node, order.Id, lineItems, tally), cancellationToken);
        return FetchedPages.Of(records, tally, orders.PageInfo, result.Data.Shop, result.Usage + moreUsage);
    }

    public string BulkQuery => ExportQuery;

    public FetchedPage<OrderRecord> FromExport(IReadOnlyList<ExportedObject> objects)
    {
        var tally = new PageTally(logger, "Order");
        var records = new List<OrderRecord>(objects.Count);
        var nodes = ExportedObjects.Nodes(objects, ShopifyJsonContext.Default.OrderNode, ShopifyJsonContext.Default.LineItemNode, (order, items) => order.LineItems = items);
        foreach (var order in tally.Present(nodes))
        {
            if (Accept(order, tally, out var id))
            {
                records.Add(ToRecord(order, id, order.LineItems.Nodes, tally));
            }
        }

        return FetchedPages.Exported(records, tally);
    }

    public Task<IngestResult> IngestAsync(IngestTransaction transaction, IReadOnlyList<OrderRecord> records, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.UpsertAsync(transaction, records, shopTimeZone, cancellationToken);

    public Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.DeleteAsync(transaction, deletes, shopTimeZone, cancellationToken);

    public Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, string shopTimeZone, CancellationToken cancellationToken) =>
        ingest.DeleteAbsentAsync(transaction, present, shopTimeZone, cancellationToken);

    private static bool Accept(OrderNode order, PageTally tally, out long id) =>
        tally.TryAccept(order.Id, order.UpdatedAt, out id,
            (order.CreatedAt == default, "createdAt"),
            (order.ProcessedAt == default, "processedAt"),
            (order.Name is null, "name"),
            (order.CurrencyCode is null, "currencyCode"),
            (order.TotalPriceSet?.ShopMoney is null, "totalPriceSet.shopMoney"),
            (order.CurrentTotalPriceSet?.ShopMoney is null, "currentTotalPriceSet.shopMoney"),
            (order.TotalRefundedSet?.ShopMoney is null, "totalRefundedSet.shopMoney"),
            (order.LineItems?.PageInfo is null, "lineItems"));

    /// <summary>
    /// Amounts are shop money, which analytics sum across orders; the presentment side of the current total is kept
    /// apart, in the order's presentment currency.
    /// </summary>
    private static OrderRecord ToRecord(OrderNode order, long id, IReadOnlyList<LineItemNode> lineItems, PageTally tally) => new()
    {
        ShopifyId = id,
        Name = order.Name,
        Email = order.Email,
        CustomerShopifyId = tally.Reference(order.Customer, id, "customer"),
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
        SubtotalPrice = order.SubtotalPriceSet?.ShopMoney?.Amount,
        CurrentTotalPrice = order.CurrentTotalPriceSet.ShopMoney.Amount,
        TotalRefunded = order.TotalRefundedSet.ShopMoney.Amount,
        PresentmentCurrencyCode = order.PresentmentCurrencyCode,
        PresentmentCurrentTotalPrice = order.CurrentTotalPriceSet.PresentmentMoney?.Amount,
        LineItems = [.. LineItemsOf(id, lineItems, tally)],
    };

    private static IEnumerable<LineItemRecord> LineItemsOf(long orderId, IReadOnlyList<LineItemNode> lineItems, PageTally tally)
    {
        foreach (var item in tally.Present(lineItems, "LineItem"))
        {
            if (tally.TryAcceptChild("LineItem", orderId, item.Id, out var id,
                    (item.Title is null, "title"),
                    (item.OriginalUnitPriceSet?.ShopMoney is null, "originalUnitPriceSet.shopMoney")))
            {
                yield return ToRecord(item, id, orderId, tally);
            }
        }
    }

    private static LineItemRecord ToRecord(LineItemNode item, long id, long orderId, PageTally tally) => new()
    {
        ShopifyId = id,
        Title = item.Title,
        Quantity = item.Quantity,
        Sku = item.Sku,
        VariantShopifyId = tally.Reference(item.Variant, orderId, "line item's variant"),
        ProductShopifyId = tally.Reference(item.Product, orderId, "line item's product"),
        OriginalUnitPrice = item.OriginalUnitPriceSet.ShopMoney.Amount,
    };
}
