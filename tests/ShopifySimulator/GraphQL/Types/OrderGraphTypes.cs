using System.Globalization;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL.Paging;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

internal sealed class OrderGraphType : ObjectGraphType<OrderNode>
{
    public OrderGraphType()
    {
        Name = "Order";
        Description = "An order is a customer's request to purchase one or more products from a shop.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("Order", context.Source.Record.Id));
        Field<NonNullGraphType<UnsignedInt64GraphType>>("legacyResourceId").Description("The ID of the corresponding resource in the REST Admin API.")
            .Resolve(context => context.Source.Record.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The unique identifier for the order that appears on the order page, e.g. #1001.")
            .Resolve(context => string.Create(CultureInfo.InvariantCulture, $"#{context.Source.Record.Number}"));
        Field<StringGraphType>("email").Description("The email address associated with the customer.")
            .Resolve(context => EmailOf(context.Source));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Description("The date and time when the order was created in Shopify.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.CreatedAt));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("processedAt").Description("The date and time when the order was processed.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.ProcessedAt));
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Description("The date and time when the order was last modified.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.Record.UpdatedAt));
        Field<ShopifyDateTimeGraphType>("cancelledAt").Description("The date and time when the order was canceled.")
            .Resolve(context => context.Source.Record.IsCancelled ? UnixTime.ToDateTime(context.Source.Record.CancelledAt) : null);
        Field<OrderCancelReasonGraphType>("cancelReason").Description("The reason provided for an order cancellation.")
            .Resolve(context => context.Source.Record.IsCancelled ? context.Source.Record.CancelReason : null);
        Field<NonNullGraphType<BooleanGraphType>>("test").Description("Whether the order is a test order.")
            .Resolve(context => context.Source.Record.Test);
        Field<OrderDisplayFinancialStatusGraphType>("displayFinancialStatus").Description("The financial status of the order that can be shown to the merchant.")
            .Resolve(context => context.Source.Record.FinancialStatus);
        Field<NonNullGraphType<OrderDisplayFulfillmentStatusGraphType>>("displayFulfillmentStatus").Description("The fulfillment status for the order that can be shown to the merchant.")
            .Resolve(context => context.Source.Record.FulfillmentStatus);
        Field<NonNullGraphType<CurrencyCodeGraphType>>("currencyCode").Description("The shop currency when the order was placed.")
            .Resolve(context => context.Source.Shop.Settings.Currency);
        Field<NonNullGraphType<CurrencyCodeGraphType>>("presentmentCurrencyCode").Description("The payment currency used for calculations.")
            .Resolve(context => context.Source.Record.PresentmentCurrency ?? context.Source.Shop.Settings.Currency);
        Field<NonNullGraphType<MoneyBagGraphType>>("totalPriceSet").Description("The total price of the order, before returns, in shop and presentment currencies.")
            .Resolve(context => context.Source.Money(context.Source.Record.TotalCents));
        // Nullable in 2025-10 (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/Order#field-subtotalPriceSet).
        Field<MoneyBagGraphType>("subtotalPriceSet").Description("The sum of the prices of all line items after discounts, before shipping, duties and taxes.")
            .Resolve(context => context.Source.Record.SubtotalUnknown ? null : context.Source.Money(context.Source.Record.SubtotalCents));
        Field<NonNullGraphType<MoneyBagGraphType>>("currentTotalPriceSet").Description("The total price of the order, after returns and refunds.")
            .Resolve(context => context.Source.Money(context.Source.Record.CurrentTotalCents));
        Field<NonNullGraphType<MoneyBagGraphType>>("totalRefundedSet").Description("The total amount that was refunded.")
            .Resolve(context => context.Source.Money(context.Source.Record.RefundedCents));
        Field<CustomerGraphType>("customer").Description("The customer that placed the order.")
            .Resolve(context => CustomerOf(context.Source));
        Field<NonNullGraphType<ConnectionGraphType<LineItemGraphType>>>("lineItems")
            .Description("A list of the order's line items.")
            .WithPaging()
            .Resolve(context =>
            {
                var shop = context.Source.Shop;
                ref var order = ref context.Source.Record;
                return Connections.ForChildren(
                    order.FirstLineItem, order.LineItemCount, i => shop.LineItem(i).Id, context.PageArguments(), i => new LineItemNode(context.Source, i));
            });
    }

    internal static string? EmailOf(OrderNode node)
    {
        ref var order = ref node.Record;
        if (order.CustomerIndex >= 0)
        {
            return node.Shop.Customers[order.CustomerIndex].Email;
        }

        return order.HasGuestEmail ? string.Create(CultureInfo.InvariantCulture, $"guest{order.Number}@example.net") : null;
    }

    private static CustomerNode? CustomerOf(OrderNode node)
    {
        var customerIndex = node.Record.CustomerIndex;
        return customerIndex < 0 || node.Shop.Customers[customerIndex].Deleted ? null : new CustomerNode(node.Shop, customerIndex);
    }
}

/// <summary>A line item keeps its title and SKU when its product is deleted; variant and product become null, as on Shopify.</summary>
internal sealed class LineItemGraphType : ObjectGraphType<LineItemNode>
{
    public LineItemGraphType()
    {
        Name = "LineItem";
        Description = "The LineItem object represents a single product or service that a customer purchased in an order.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("LineItem", context.Source.Record.Id));
        Field<NonNullGraphType<StringGraphType>>("title").Description("The title of the product at time of order creation.")
            .Resolve(context => context.Source.Product.Title);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name of the product.")
            .Resolve(context => VariantTitle(context.Source) is { } variant ? $"{context.Source.Product.Title} - {variant}" : context.Source.Product.Title);
        Field<StringGraphType>("variantTitle").Description("The title of the variant at time of order creation.")
            .Resolve(context => VariantTitle(context.Source));
        Field<NonNullGraphType<IntGraphType>>("quantity").Description("The number of units ordered, including refunded and removed units.")
            .Resolve(context => context.Source.Record.Quantity);
        Field<StringGraphType>("sku").Description("The variant SKU number.")
            .Resolve(context => context.Source.Variant.Sku);
        Field<ProductVariantGraphType>("variant").Description("The product variant associated with the line item.")
            .Resolve(context => context.Source.Product.Deleted ? null : new VariantNode(context.Source.Shop, context.Source.Record.VariantIndex));
        Field<ProductGraphType>("product").Description("The product associated with the line item.")
            .Resolve(context => context.Source.Product.Deleted ? null : new ProductNode(context.Source.Shop, context.Source.Variant.ProductIndex));
        Field<NonNullGraphType<MoneyBagGraphType>>("originalUnitPriceSet").Description("The price of a single quantity of the line item when the order was created.")
            .Resolve(context => context.Source.Order.Money(context.Source.Record.UnitPriceCents));
    }

    private static string? VariantTitle(LineItemNode node) =>
        node.Variant.Title == "Default Title" ? null : node.Variant.Title;
}
