using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShopIngest.Modules.Sync.Shopify;

// The Admin API (2025-10) response shapes this client reads, and nothing more. Money and UnsignedInt64 travel as
// strings; the serializer context reads numbers from strings.
//
// Settable properties rather than constructor parameters: System.Text.Json fills these on its fast path, while a
// constructor with many parameters costs it a boxed argument per field, on every node of every page. The serializer
// sets each field the query selects; `null!` marks the ones a selection always returns.

internal sealed class GraphQLResponse<TData>
{
    public TData? Data { get; set; }

    public IReadOnlyList<GraphQLError>? Errors { get; set; }

    public ResponseExtensions? Extensions { get; set; }
}

internal sealed class GraphQLError
{
    public string Message { get; set; } = "";

    public GraphQLErrorExtensions? Extensions { get; set; }
}

internal sealed class GraphQLErrorExtensions
{
    public string? Code { get; set; }
}

internal sealed class ResponseExtensions
{
    public QueryCost? Cost { get; set; }
}

internal sealed class QueryCost
{
    public int RequestedQueryCost { get; set; }

    public int? ActualQueryCost { get; set; }

    public ThrottleStatus ThrottleStatus { get; set; } = null!;
}

internal sealed class ThrottleStatus
{
    public double MaximumAvailable { get; set; }

    public double CurrentlyAvailable { get; set; }

    public double RestoreRate { get; set; }
}

internal sealed class ShopDetails
{
    public string CurrencyCode { get; set; } = "";

    public string IanaTimezone { get; set; } = "";
}

internal sealed class PageInfo
{
    public bool HasNextPage { get; set; }

    public string? EndCursor { get; set; }
}

internal sealed class Connection<TNode>
{
    public IReadOnlyList<TNode> Nodes { get; set; } = [];

    public PageInfo PageInfo { get; set; } = null!;
}

internal sealed class NodeId
{
    public string Id { get; set; } = "";
}

internal sealed class Money
{
    public decimal Amount { get; set; }
}

internal sealed class MoneyWithCurrency
{
    public decimal Amount { get; set; }

    public string? CurrencyCode { get; set; }
}

internal sealed class MoneyBag
{
    public Money ShopMoney { get; set; } = null!;

    public Money? PresentmentMoney { get; set; }
}

internal sealed class ProductNode
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Handle { get; set; } = "";

    public string Status { get; set; } = "";

    public string? Vendor { get; set; }

    public string? ProductType { get; set; }

    public IReadOnlyList<string>? Tags { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Connection<VariantNode> Variants { get; set; } = null!;
}

internal sealed class VariantNode
{
    public string Id { get; set; } = "";

    public string? Title { get; set; }

    public string? Sku { get; set; }

    public decimal Price { get; set; }

    public int? InventoryQuantity { get; set; }
}

internal sealed class CustomerNode
{
    public string Id { get; set; } = "";

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string DisplayName { get; set; } = "";

    public EmailAddress? DefaultEmailAddress { get; set; }

    public PhoneNumber? DefaultPhoneNumber { get; set; }

    public MailingAddress? DefaultAddress { get; set; }

    public MoneyWithCurrency AmountSpent { get; set; } = null!;

    public long NumberOfOrders { get; set; }

    public IReadOnlyList<string>? Tags { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class EmailAddress
{
    [JsonPropertyName("emailAddress")]
    public string Value { get; set; } = "";
}

internal sealed class PhoneNumber
{
    [JsonPropertyName("phoneNumber")]
    public string Value { get; set; } = "";
}

internal sealed class MailingAddress
{
    public string? City { get; set; }

    public string? Province { get; set; }

    public string? Country { get; set; }

    public string? CountryCodeV2 { get; set; }
}

internal sealed class OrderNode
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    public bool Test { get; set; }

    public string? DisplayFinancialStatus { get; set; }

    public string? DisplayFulfillmentStatus { get; set; }

    public string CurrencyCode { get; set; } = "";

    public string? PresentmentCurrencyCode { get; set; }

    public NodeId? Customer { get; set; }

    public MoneyBag TotalPriceSet { get; set; } = null!;

    public MoneyBag SubtotalPriceSet { get; set; } = null!;

    public MoneyBag CurrentTotalPriceSet { get; set; } = null!;

    public MoneyBag TotalRefundedSet { get; set; } = null!;

    public Connection<LineItemNode> LineItems { get; set; } = null!;
}

internal sealed class LineItemNode
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public int Quantity { get; set; }

    public string? Sku { get; set; }

    public NodeId? Variant { get; set; }

    public NodeId? Product { get; set; }

    public MoneyBag OriginalUnitPriceSet { get; set; } = null!;
}

internal sealed class ProductsData
{
    public ShopDetails? Shop { get; set; }

    public Connection<ProductNode> Products { get; set; } = null!;
}

internal sealed class CustomersData
{
    public ShopDetails? Shop { get; set; }

    public Connection<CustomerNode> Customers { get; set; } = null!;
}

internal sealed class OrdersData
{
    public ShopDetails? Shop { get; set; }

    public Connection<OrderNode> Orders { get; set; } = null!;
}

internal sealed class ProductVariantsData
{
    public ProductVariants? Product { get; set; }
}

internal sealed class ProductVariants
{
    public Connection<VariantNode> Variants { get; set; } = null!;
}

internal sealed class OrderLineItemsData
{
    public OrderLineItems? Order { get; set; }
}

internal sealed class OrderLineItems
{
    public Connection<LineItemNode> LineItems { get; set; } = null!;
}

internal sealed class UpdatedAtNode
{
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UpdatedAtNodes
{
    public IReadOnlyList<UpdatedAtNode> Nodes { get; set; } = [];
}

internal sealed class CountNode
{
    public long Count { get; set; }
}

internal sealed class BacklogData
{
    public UpdatedAtNodes Oldest { get; set; } = null!;

    public CountNode Total { get; set; } = null!;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphQLResponse<ProductsData>))]
[JsonSerializable(typeof(GraphQLResponse<CustomersData>))]
[JsonSerializable(typeof(GraphQLResponse<OrdersData>))]
[JsonSerializable(typeof(GraphQLResponse<ProductVariantsData>))]
[JsonSerializable(typeof(GraphQLResponse<OrderLineItemsData>))]
[JsonSerializable(typeof(GraphQLResponse<BacklogData>))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext;
