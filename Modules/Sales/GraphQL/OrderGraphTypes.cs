using GraphQL.Types;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Listing;

namespace ShopIngest.Modules.Sales.GraphQL;

/// <summary>
/// The related rows of one page of orders, each loaded with one query for the whole page the first time any
/// order of the page asks for it.
/// </summary>
internal sealed class OrderPageRelations(IReadOnlyList<Order> orders, OrderListing listing, CustomerListing customers, CancellationToken cancellationToken)
{
    private Task<ILookup<long, OrderLineItem>>? _lineItems;
    private Task<IReadOnlyDictionary<long, Customer>>? _customers;

    public Task<ILookup<long, OrderLineItem>> LineItems =>
        _lineItems ??= listing.LineItemsAsync([.. orders.Select(o => o.ShopifyId)], cancellationToken);

    public Task<IReadOnlyDictionary<long, Customer>> Customers =>
        _customers ??= customers.ByIdsAsync([.. orders.Where(o => o.CustomerShopifyId is not null).Select(o => o.CustomerShopifyId!.Value)], cancellationToken);

    public static Connection<OrderNode> Attach(Connection<Order> page, OrderListing listing, CustomerListing customers, CancellationToken cancellationToken)
    {
        var relations = new OrderPageRelations([.. page.Edges.Select(e => e.Node)], listing, customers, cancellationToken);
        return new Connection<OrderNode>([.. page.Edges.Select(e => new Edge<OrderNode>(new OrderNode(e.Node, relations), e.Cursor))], page.HasNextPage, page.TotalCount);
    }
}

internal sealed record OrderNode(Order Order, OrderPageRelations Page);

internal sealed class OrderGraphType : ObjectGraphType<OrderNode>
{
    public OrderGraphType()
    {
        Name = "Order";
        Description = "An order of the shop, as last synced from Shopify.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("ShopIngest's id of the order.").Resolve(c => GlobalIds.NodeId("Order", c.Source.Order.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("shopifyId").Description("The order's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("Order", c.Source.Order.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("name").Description("The order's name, e.g. #1001.").Resolve(c => c.Source.Order.Name);
        Field<StringGraphType>("email").Description("The email on the order.").Resolve(c => c.Source.Order.Email);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When the order was created.").Resolve(c => c.Source.Order.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("processedAt").Description("When the order was processed; analytics buckets by this.").Resolve(c => c.Source.Order.ProcessedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When Shopify last changed the order.").Resolve(c => c.Source.Order.UpdatedAt);
        Field<DateTimeOffsetGraphType>("cancelledAt").Description("When the order was cancelled, if it was.").Resolve(c => c.Source.Order.CancelledAt);
        Field<StringGraphType>("cancelReason").Description("Why the order was cancelled.").Resolve(c => c.Source.Order.CancelReason);
        Field<NonNullGraphType<BooleanGraphType>>("test").Description("A test order; not counted in analytics.").Resolve(c => c.Source.Order.Test);
        Field<StringGraphType>("displayFinancialStatus").Description("e.g. PAID, REFUNDED, PENDING.").Resolve(c => c.Source.Order.DisplayFinancialStatus);
        Field<StringGraphType>("displayFulfillmentStatus").Description("e.g. FULFILLED, UNFULFILLED.").Resolve(c => c.Source.Order.DisplayFulfillmentStatus);
        Field<NonNullGraphType<StringGraphType>>("currencyCode").Description("The shop currency of the amounts.").Resolve(c => c.Source.Order.CurrencyCode);
        Field<NonNullGraphType<DecimalGraphType>>("totalPrice").Description("The original total.").Resolve(c => c.Source.Order.TotalPrice);
        Field<DecimalGraphType>("subtotalPrice").Description("The original subtotal; null when Shopify has none for the order.").Resolve(c => c.Source.Order.SubtotalPrice);
        Field<NonNullGraphType<DecimalGraphType>>("currentTotalPrice").Description("The total after refunds and edits; revenue counts this.").Resolve(c => c.Source.Order.CurrentTotalPrice);
        Field<NonNullGraphType<DecimalGraphType>>("totalRefunded").Description("What was refunded.").Resolve(c => c.Source.Order.TotalRefunded);
        Field<CustomerGraphType>("customer")
            .Description("The customer, once synced (an order may arrive before its customer).")
            .ResolveAsync(async c => c.Source.Order.CustomerShopifyId is { } id && (await c.Source.Page.Customers).TryGetValue(id, out var customer) ? customer : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineItemGraphType>>>>("lineItems")
            .Description("What was ordered.")
            .ResolveAsync(async c => (await c.Source.Page.LineItems)[c.Source.Order.ShopifyId]);
    }
}

internal sealed class LineItemGraphType : ObjectGraphType<OrderLineItem>
{
    public LineItemGraphType()
    {
        Name = "LineItem";
        Description = "One line of an order.";
        Field<NonNullGraphType<StringGraphType>>("shopifyId").Description("The line item's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("LineItem", c.Source.ShopifyId));
        Field(l => l.Title).Description("The product title at the time of the order.");
        Field(l => l.Quantity).Description("How many were ordered.");
        Field(l => l.Sku, nullable: true).Description("The variant's SKU.");
        Field<StringGraphType>("variantShopifyId").Description("The variant's Shopify GID.").Resolve(c => c.Source.VariantShopifyId is { } id ? GlobalIds.ShopifyGid("ProductVariant", id) : null);
        Field<StringGraphType>("productShopifyId").Description("The product's Shopify GID.").Resolve(c => c.Source.ProductShopifyId is { } id ? GlobalIds.ShopifyGid("Product", id) : null);
        Field<NonNullGraphType<DecimalGraphType>>("originalUnitPrice").Description("The unit price before discounts.").Resolve(c => c.Source.OriginalUnitPrice);
    }
}

internal sealed class CustomerGraphType : ObjectGraphType<Customer>
{
    public CustomerGraphType()
    {
        Name = "Customer";
        Description = "A customer of the shop, as last synced from Shopify.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("ShopIngest's id of the customer.").Resolve(c => GlobalIds.NodeId("Customer", c.Source.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("shopifyId").Description("The customer's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("Customer", c.Source.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("name").Description("The customer's display name.").Resolve(c => c.Source.DisplayName);
        Field(x => x.FirstName, nullable: true).Description("First name.");
        Field(x => x.LastName, nullable: true).Description("Last name.");
        Field(x => x.Email, nullable: true).Description("Email.");
        Field(x => x.Phone, nullable: true).Description("Phone.");
        Field(x => x.City, nullable: true).Description("City of the default address.");
        Field(x => x.Province, nullable: true).Description("Province of the default address.");
        Field(x => x.Country, nullable: true).Description("Country of the default address.");
        Field<NonNullGraphType<DecimalGraphType>>("amountSpent").Description("Lifetime spend as Shopify reports it.").Resolve(c => c.Source.AmountSpent);
        Field<NonNullGraphType<LongGraphType>>("numberOfOrders").Description("Lifetime number of orders.").Resolve(c => c.Source.NumberOfOrders);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Shopify tags.").Resolve(c => c.Source.Tags);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When the customer was created.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When Shopify last changed the customer.").Resolve(c => c.Source.UpdatedAt);
    }
}

internal sealed class OrderSortGraphType : EnumerationGraphType<OrderSort>
{
    public OrderSortGraphType()
    {
        Name = "OrderSort";
        Description = "How orders are sorted; ties are broken by id.";
    }
}

internal sealed class CustomerSortGraphType : EnumerationGraphType<CustomerSort>
{
    public CustomerSortGraphType()
    {
        Name = "CustomerSort";
        Description = "How customers are sorted; ties are broken by id.";
    }
}
