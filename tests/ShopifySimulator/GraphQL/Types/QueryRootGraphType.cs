using GraphQL;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.Events;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL.Paging;
using ShopIngest.ShopifySimulator.Shops;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <summary>Shopify's query root, limited to what ingestion reads.</summary>
internal sealed class QueryRootGraphType : ObjectGraphType
{
    /// <summary>Shopify's default upper bound of count fields.</summary>
    private const int DefaultCountLimit = 10_000;

    /// <summary>
    /// How far back orders reach without read_all_orders
    /// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/Order: "Only the last 60 days' worth of orders").
    /// </summary>
    private static readonly TimeSpan RecentOrdersWindow = TimeSpan.FromDays(60);

    public QueryRootGraphType()
    {
        Name = "QueryRoot";
        Description = "The schema's entry-point for queries.";
        Field<NonNullGraphType<ShopGraphType>>("shop").Description("Returns the Shop resource corresponding to the access token used in the request.")
            .Resolve(context => context.Shop());
        Field<NonNullGraphType<AppInstallationGraphType>>("currentAppInstallation")
            .Description("Return the AppInstallation for the currently authenticated App.")
            .Resolve(context => new AppInstallation(context.ShopData().Settings.NumericId, context.Request().Scopes));
        this.AddBulkOperationFields();
        this.AddEventFields();
        this.AddWebhookSubscriptionFields();

        AddResource<ProductRecord, ProductGraphType, ProductSortKeysGraphType, ProductSortKeys>(
            new("Product", "products", data => data.Products, (data, index) => new ProductNode(data, index), GrantedScopes.ReadProducts),
            ProductSortKeys.Id,
            sortKey => sortKey switch
            {
                ProductSortKeys.CreatedAt => RecordField.CreatedAt,
                ProductSortKeys.UpdatedAt => RecordField.UpdatedAt,
                ProductSortKeys.Id or ProductSortKeys.Relevance => RecordField.Id,
                _ => null,
            });
        AddResource<CustomerRecord, CustomerGraphType, CustomerSortKeysGraphType, CustomerSortKeys>(
            new("Customer", "customers", data => data.Customers, (data, index) => new CustomerNode(data, index), GrantedScopes.ReadCustomers),
            CustomerSortKeys.Id,
            sortKey => sortKey switch
            {
                CustomerSortKeys.CreatedAt => RecordField.CreatedAt,
                CustomerSortKeys.UpdatedAt => RecordField.UpdatedAt,
                CustomerSortKeys.Id or CustomerSortKeys.Relevance => RecordField.Id,
                _ => null,
            });

        // Order numbers grow with ids, so ORDER_NUMBER order is ID order.
        AddResource<OrderRecord, OrderGraphType, OrderSortKeysGraphType, OrderSortKeys>(
            new("Order", "orders", data => data.Orders, (data, index) => new OrderNode(data, index), GrantedScopes.ReadOrders)
            {
                HasProcessedAt = true,
                WholeHistoryScope = GrantedScopes.ReadAllOrders,
            },
            OrderSortKeys.ProcessedAt,
            sortKey => sortKey switch
            {
                OrderSortKeys.CreatedAt => RecordField.CreatedAt,
                OrderSortKeys.UpdatedAt => RecordField.UpdatedAt,
                OrderSortKeys.ProcessedAt => RecordField.ProcessedAt,
                OrderSortKeys.Id or OrderSortKeys.OrderNumber or OrderSortKeys.Relevance => RecordField.Id,
                _ => null,
            });
    }

    /// <summary>Adds the list (<c>orders</c>), the lookup (<c>order(id:)</c>) and the count (<c>ordersCount</c>) of a resource.</summary>
    private void AddResource<TRecord, TNodeGraphType, TSortKeysGraphType, TSortKey>(
        Resource<TRecord> resource, TSortKey defaultSortKey, Func<TSortKey, RecordField?> sortFieldOf)
        where TRecord : struct, ITopLevelRecord
        where TNodeGraphType : IGraphType
        where TSortKeysGraphType : IGraphType
        where TSortKey : struct, Enum
    {
        Field<NonNullGraphType<ConnectionGraphType<TNodeGraphType>>>(resource.Plural)
            .Description($"Returns a list of {resource.Plural}.")
            .WithPaging()
            .Argument<TSortKeysGraphType>("sortKey", "Sort the underlying list by the given key.", argument => argument.DefaultValue = defaultSortKey)
            .Argument<StringGraphType>("query", "A filter made up of terms, connectives, modifiers, and comparators.")
            .Resolve(context =>
            {
                context.Demand(resource.Scope);
                var data = context.ShopData();
                var sortKey = context.GetArgument("sortKey", defaultSortKey);
                var sortField = sortFieldOf(sortKey)
                    ?? throw new ShopifyExecutionError($"sortKey {sortKey} is not supported by the simulator.", "BAD_REQUEST");
                return Connections.ForTable(
                    resource.TableOf(data), sortField, resource.Filter(context), context.PageArguments(), index => resource.ToNode(data, index));
            });

        Field<TNodeGraphType>(resource.Singular)
            .Description($"Returns a {resource.Name} resource by ID.")
            .Argument<NonNullGraphType<IdGraphType>>("id", $"The ID of the {resource.Name} to return.")
            .Resolve(context =>
            {
                context.Demand(resource.Scope);
                var data = context.ShopData();
                var table = resource.TableOf(data);
                var id = Gid.ParseFor(resource.Name, context.GetArgument<string>("id"));
                var index = id is { } found ? table.IndexOfId(found) : -1;
                return index < 0 || !resource.Filter(context).Readable(in table[index]) ? null : resource.ToNode(data, index);
            });

        Field<CountGraphType>(resource.Plural + "Count")
            .Description($"Returns the number of {resource.Plural}.")
            .Argument<StringGraphType>("query", "A filter made up of terms, connectives, modifiers, and comparators.")
            .Argument<IntGraphType>("limit", "The upper bound on count value before returning a result. Use null to have no limit.", argument => argument.DefaultValue = DefaultCountLimit)
            .Resolve(context =>
            {
                context.Demand(resource.Scope);
                var table = resource.TableOf(context.ShopData());
                var filter = resource.Filter(context);
                var count = filter.IsEverything ? table.LiveCount : table.LiveIndexes().Count(index => filter.Matches(in table[index]));
                var limit = context.GetArgument<int?>("limit");
                return limit is { } max && count > max
                    ? new CountResult(max, CountPrecision.AtLeast)
                    : new CountResult(count, CountPrecision.Exact);
            });
    }

    /// <summary>One top-level resource; <c>Scope</c> is the access scope each of its three fields requires.</summary>
    private sealed record Resource<TRecord>(
        string Name, string Plural, Func<ShopData, RecordTable<TRecord>> TableOf, Func<ShopData, int, object> ToNode, string Scope)
        where TRecord : struct, ITopLevelRecord
    {
        public bool HasProcessedAt { get; init; }

        /// <summary>The scope without which only records created in the last 60 days are readable; null: all are.</summary>
        public string? WholeHistoryScope { get; init; }

        public string Singular => char.ToLowerInvariant(Name[0]) + Name[1..];

        public RecordFilter Filter(IResolveFieldContext context)
        {
            var request = context.Request();
            var search = SearchQuery.Parse(context.GetArgument<string?>("query"), request.Shop.Data.Settings.TimeZone, HasProcessedAt);
            var createdAtMin = WholeHistoryScope is { } scope && !request.Scopes.Allows(scope)
                ? UnixTime.Seconds(request.Now - RecentOrdersWindow)
                : long.MinValue;
            long? indexedUpTo = request.SearchIndexLagSeconds > 0 ? UnixTime.Seconds(request.Now) - request.SearchIndexLagSeconds : null;
            return new RecordFilter(search, createdAtMin, indexedUpTo);
        }
    }
}
