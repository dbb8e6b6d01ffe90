using GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <summary>A Shopify enum: values are the CLR names in CONSTANT_CASE (PartiallyRefunded -> PARTIALLY_REFUNDED).</summary>
internal abstract class ShopifyEnumGraphType<TEnum> : EnumerationGraphType<TEnum>
    where TEnum : Enum
{
    protected ShopifyEnumGraphType(string name, string description)
    {
        Name = name;
        Description = description;
    }
}

internal sealed class ProductStatusGraphType() : ShopifyEnumGraphType<ProductStatus>(
    "ProductStatus", "The possible product statuses.");

internal sealed class OrderDisplayFinancialStatusGraphType() : ShopifyEnumGraphType<OrderDisplayFinancialStatus>(
    "OrderDisplayFinancialStatus", "Represents the order's current financial status.");

internal sealed class OrderDisplayFulfillmentStatusGraphType() : ShopifyEnumGraphType<OrderDisplayFulfillmentStatus>(
    "OrderDisplayFulfillmentStatus", "Represents the order's aggregated fulfillment status for display purposes.");

internal sealed class OrderCancelReasonGraphType() : ShopifyEnumGraphType<OrderCancelReason>(
    "OrderCancelReason", "Represents the reason for the order's cancellation.");

internal enum CountPrecision
{
    AtLeast,
    Exact,
}

internal sealed class CountPrecisionGraphType() : ShopifyEnumGraphType<CountPrecision>(
    "CountPrecision", "The precision of the value returned by a count field.");

internal sealed class CurrencyCodeGraphType : EnumerationGraphType
{
    public CurrencyCodeGraphType()
    {
        Name = "CurrencyCode";
        Description = "The three-letter currency codes that represent the world currencies used in stores.";
        foreach (var code in CurrencyCodes.Ordered)
        {
            Add(code, code);
        }
    }
}

/// <summary>
/// The sort keys of lists whose ids grow with their creation, so that both orders agree: events, deletion events and
/// webhook subscriptions. Each list has its own GraphQL enum over these values.
/// </summary>
internal enum CreationSortKeys
{
    CreatedAt,
    Id,
}

internal enum ProductSortKeys
{
    CreatedAt,
    Id,
    InventoryTotal,
    ProductType,
    PublishedAt,
    Relevance,
    Title,
    UpdatedAt,
    Vendor,
}

internal sealed class ProductSortKeysGraphType() : ShopifyEnumGraphType<ProductSortKeys>(
    "ProductSortKeys", "The set of valid sort keys for the Product query.");

internal enum CustomerSortKeys
{
    CreatedAt,
    Id,
    Location,
    Name,
    Relevance,
    UpdatedAt,
}

internal sealed class CustomerSortKeysGraphType() : ShopifyEnumGraphType<CustomerSortKeys>(
    "CustomerSortKeys", "The set of valid sort keys for the Customer query.");

internal enum OrderSortKeys
{
    CreatedAt,
    CustomerName,
    Destination,
    FinancialStatus,
    FulfillmentStatus,
    Id,
    OrderNumber,
    PoNumber,
    ProcessedAt,
    Relevance,
    TotalItemsQuantity,
    TotalPrice,
    UpdatedAt,
}

internal sealed class OrderSortKeysGraphType() : ShopifyEnumGraphType<OrderSortKeys>(
    "OrderSortKeys", "The set of valid sort keys for the Order query.");
