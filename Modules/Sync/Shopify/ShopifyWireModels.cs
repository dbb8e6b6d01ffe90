using System.Text.Json;
using System.Text.Json.Serialization;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources.Customers;
using ShopIngest.Modules.Sync.Resources.Orders;
using ShopIngest.Modules.Sync.Resources.Products;
using ShopIngest.Modules.Sync.Deletions;
using ShopIngest.Modules.Sync.Webhooks.Subscriptions;

namespace ShopIngest.Modules.Sync.Shopify;

// The Admin API (2025-10) response envelope; the shapes of the resources the feeds read are in Wire/, each nullable
// exactly where Shopify's schema says (docs/shopify-wire-fields.md). Money and UnsignedInt64 travel as strings; the
// serializer context reads numbers from strings.
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

    /// <summary>With ACCESS_DENIED: the access scope the field needs, e.g. <c>`read_customers` access scope</c>.</summary>
    public string? RequiredAccess { get; set; }

    /// <summary>With MAX_COST_EXCEEDED: the query's requested cost. A JSON element, since other codes put other things here.</summary>
    public JsonElement? Cost { get; set; }
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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphQLResponse<ProductsData>))]
[JsonSerializable(typeof(GraphQLResponse<CustomersData>))]
[JsonSerializable(typeof(GraphQLResponse<OrdersData>))]
[JsonSerializable(typeof(GraphQLResponse<ProductVariantsData>))]
[JsonSerializable(typeof(GraphQLResponse<OrderLineItemsData>))]
[JsonSerializable(typeof(GraphQLResponse<BacklogData>))]
[JsonSerializable(typeof(GraphQLResponse<AccessScopesData>))]
[JsonSerializable(typeof(GraphQLResponse<BulkRunQueryData>))]
[JsonSerializable(typeof(GraphQLResponse<BulkOperationData>))]
[JsonSerializable(typeof(GraphQLResponse<DeletionEventsData>))]
[JsonSerializable(typeof(GraphQLResponse<RecordIdsData>))]
[JsonSerializable(typeof(GraphQLResponse<WebhookSubscriptionsData>))]
[JsonSerializable(typeof(GraphQLResponse<Dictionary<string, SubscriptionChangePayload>>))]
[JsonSerializable(typeof(ProductNode))]
[JsonSerializable(typeof(VariantNode))]
[JsonSerializable(typeof(CustomerNode))]
[JsonSerializable(typeof(OrderNode))]
[JsonSerializable(typeof(LineItemNode))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext;
