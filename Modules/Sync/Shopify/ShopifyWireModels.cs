using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShopIngest.Modules.Sync.Shopify;

// The Admin API (2025-10) response shapes this client reads, and nothing more. Money and UnsignedInt64 travel as
// strings; the serializer context reads numbers from strings.

internal sealed record GraphQLResponse<TData>(TData? Data, IReadOnlyList<GraphQLError>? Errors, ResponseExtensions? Extensions);

internal sealed record GraphQLError(string Message, GraphQLErrorExtensions? Extensions);

internal sealed record GraphQLErrorExtensions(string? Code);

internal sealed record ResponseExtensions(QueryCost? Cost);

internal sealed record QueryCost(int RequestedQueryCost, int? ActualQueryCost, ThrottleStatus ThrottleStatus);

internal sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

internal sealed record ShopDetails(string CurrencyCode, string IanaTimezone);

internal sealed record PageInfo(bool HasNextPage, string? EndCursor);

internal sealed record Connection<TNode>(IReadOnlyList<TNode> Nodes, PageInfo PageInfo);

internal sealed record NodeId(string Id);

internal sealed record Money(decimal Amount);

internal sealed record MoneyWithCurrency(decimal Amount, string? CurrencyCode);

internal sealed record MoneyBag(Money ShopMoney, Money? PresentmentMoney);

internal sealed record ProductNode(
    string Id, string Title, string Handle, string Status, string? Vendor, string? ProductType, IReadOnlyList<string>? Tags,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Connection<VariantNode> Variants);

internal sealed record VariantNode(string Id, string? Title, string? Sku, decimal Price, int? InventoryQuantity);

internal sealed record CustomerNode(
    string Id, string? FirstName, string? LastName, string DisplayName, EmailAddress? DefaultEmailAddress, PhoneNumber? DefaultPhoneNumber,
    MailingAddress? DefaultAddress, MoneyWithCurrency AmountSpent, long NumberOfOrders, IReadOnlyList<string>? Tags,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record EmailAddress([property: JsonPropertyName("emailAddress")] string Value);

internal sealed record PhoneNumber([property: JsonPropertyName("phoneNumber")] string Value);

internal sealed record MailingAddress(string? City, string? Province, string? Country, string? CountryCodeV2);

internal sealed record OrderNode(
    string Id, string Name, string? Email, DateTimeOffset CreatedAt, DateTimeOffset ProcessedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CancelledAt, string? CancelReason, bool Test, string? DisplayFinancialStatus, string? DisplayFulfillmentStatus,
    string CurrencyCode, string? PresentmentCurrencyCode, NodeId? Customer, MoneyBag TotalPriceSet, MoneyBag SubtotalPriceSet,
    MoneyBag CurrentTotalPriceSet, MoneyBag TotalRefundedSet, Connection<LineItemNode> LineItems);

internal sealed record LineItemNode(
    string Id, string Title, int Quantity, string? Sku, NodeId? Variant, NodeId? Product, MoneyBag OriginalUnitPriceSet);

internal sealed record ProductsData(ShopDetails? Shop, Connection<ProductNode> Products);

internal sealed record CustomersData(ShopDetails? Shop, Connection<CustomerNode> Customers);

internal sealed record OrdersData(ShopDetails? Shop, Connection<OrderNode> Orders);

internal sealed record ProductVariantsData(ProductVariants? Product);

internal sealed record ProductVariants(Connection<VariantNode> Variants);

internal sealed record OrderLineItemsData(OrderLineItems? Order);

internal sealed record OrderLineItems(Connection<LineItemNode> LineItems);

internal sealed record UpdatedAtNode(DateTimeOffset UpdatedAt);

internal sealed record UpdatedAtNodes(IReadOnlyList<UpdatedAtNode> Nodes);

internal sealed record CountNode(long Count);

internal sealed record BacklogData(UpdatedAtNodes Oldest, CountNode Total);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphQLResponse<ProductsData>))]
[JsonSerializable(typeof(GraphQLResponse<CustomersData>))]
[JsonSerializable(typeof(GraphQLResponse<OrdersData>))]
[JsonSerializable(typeof(GraphQLResponse<ProductVariantsData>))]
[JsonSerializable(typeof(GraphQLResponse<OrderLineItemsData>))]
[JsonSerializable(typeof(GraphQLResponse<BacklogData>))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext;
