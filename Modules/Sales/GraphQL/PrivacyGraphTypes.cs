using GraphQL.Types;
using ShopIngest.Modules.Sales.Privacy;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Modules.Sales.GraphQL;

internal sealed class CustomerDataRequestGraphType : ObjectGraphType<DataRequest>
{
    public CustomerDataRequestGraphType()
    {
        Name = "CustomerDataRequest";
        Description = "A customer's request, relayed by Shopify (customers/data_request), to see the data the shop holds about them.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("ShopIngest's id of the request.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("customerId").Description("The customer's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("Customer", c.Source.CustomerShopifyId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("orderIds")
            .Description("The Shopify GIDs of the orders Shopify listed with the request.")
            .Resolve(c => c.Source.OrderShopifyIds.Select(id => GlobalIds.ShopifyGid("Order", id)));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("requestedAt").Description("When Shopify relayed the request.").Resolve(c => c.Source.RequestedAt);
        Field<NonNullGraphType<StringGraphType>>("export")
            .Description("The data the shop stores about the customer now, as a JSON document to hand to them.")
            .QueriesDatabase()
            .ResolveAsync(async c => await c.GetService<CustomerDataExport>().ExportAsync(c.Source, c.CancellationToken));
    }
}
