using GraphQL;
using GraphQL.Types;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Sales.Privacy;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Modules.Sales.GraphQL;

/// <summary>The dashboard's questions and the browsing of orders and customers, for the caller's shop only.</summary>
internal sealed class SalesGraphQL : IGraphQLContribution
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<SalesStatsGraphType>>("stats")
            .Description("Revenue, orders, customers and average order value; all time unless a range is given.")
            .QueriesDatabase()
            .Argument<ShopDateGraphType>("from", "First day (shop time zone), inclusive.")
            .Argument<ShopDateGraphType>("to", "Last day (shop time zone), inclusive.")
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                var (from, to) = (context.GetDayArgument("from"), context.GetDayArgument("to"));
                if (from > to)
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, "from must not be after to.");
                }

                return new StatsView(await context.GetService<SalesAnalytics>().StatsAsync(from, to, context.CancellationToken), tenantId);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SalesPointGraphType>>>>("salesByDate")
            .Description("Counted orders and revenue per day, week or month of the range, empty buckets included.")
            .QueriesDatabase()
            .Argument<NonNullGraphType<ShopDateGraphType>>("from", "First day (shop time zone), inclusive.")
            .Argument<NonNullGraphType<ShopDateGraphType>>("to", "Last day (shop time zone), inclusive.")
            .Argument<SalesIntervalGraphType>("interval", "Bucket size; DAY when left out.", a => a.DefaultValue = SalesInterval.Day)
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                return await context.GetService<SalesAnalytics>().SalesByDateAsync(
                    context.GetDayArgument("from")!.Value, context.GetDayArgument("to")!.Value, context.GetArgument("interval", SalesInterval.Day), context.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TopCustomerGraphType>>>>("topCustomers")
            .Description("Customers by lifetime value, then by more orders, then by id.")
            .QueriesDatabase()
            .Argument<IntGraphType>("first", $"How many, 1 to {SalesAnalytics.MaxTopCustomers}; 5 when left out.", a => a.DefaultValue = 5)
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                var first = context.GetArgument("first", 5);
                if (first is < 1 or > SalesAnalytics.MaxTopCustomers)
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, $"first must be between 1 and {SalesAnalytics.MaxTopCustomers}; it was {first}.");
                }

                return await context.GetService<SalesAnalytics>().TopCustomersAsync(first, context.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionGraphType<OrderGraphType, OrderNode>>>("orders")
            .Description("The shop's orders, a page at a time.")
            .QueriesDatabase()
            .Paged()
            .Argument<StringGraphType>("search", "Matches the order name or email.")
            .Argument<StringGraphType>("financialStatus", "Only orders with this displayFinancialStatus, e.g. PAID.")
            .Argument<ShopDateGraphType>("from", "Only orders processed on or after this day (shop time zone).")
            .Argument<ShopDateGraphType>("to", "Only orders processed on or before this day (shop time zone).")
            .Argument<OrderSortGraphType>("sort", "Sort key; PROCESSED_AT when left out.", a => a.DefaultValue = OrderSort.ProcessedAt)
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                var listing = context.GetService<OrderListing>();
                var query = new OrderQuery(
                    context.GetArgument<string?>("search"),
                    context.GetArgument<string?>("financialStatus"),
                    context.GetDayArgument("from"),
                    context.GetDayArgument("to"),
                    context.GetArgument("sort", OrderSort.ProcessedAt));
                var page = await listing.ListAsync(query, context.ReadPage(), context.CancellationToken);
                return OrderPageRelations.Attach(page, listing, context.GetService<CustomerListing>(), context.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionGraphType<CustomerGraphType, Customer>>>("customers")
            .Description("The shop's customers, a page at a time.")
            .QueriesDatabase()
            .Paged()
            .Argument<StringGraphType>("search", "Matches name, email or phone.")
            .Argument<CustomerSortGraphType>("sort", "Sort key; NAME when left out.", a => a.DefaultValue = CustomerSort.Name)
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                var query = new CustomerQuery(context.GetArgument<string?>("search"), context.GetArgument("sort", CustomerSort.Name));
                return await context.GetService<CustomerListing>().ListAsync(query, context.ReadPage(), context.CancellationToken);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerDataRequestGraphType>>>>("customerDataRequests")
            .Description("Customers' requests to see their data, newest first; each carries the export to send them.")
            .QueriesDatabase()
            .Argument<IntGraphType>("first", $"How many, 1 to {CustomerDataExport.MaxRequests}; 20 when left out.", a => a.DefaultValue = 20)
            .ResolveAsync(async context =>
            {
                context.RequireTenant();
                var first = context.GetArgument("first", 20);
                if (first is < 1 or > CustomerDataExport.MaxRequests)
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, $"first must be between 1 and {CustomerDataExport.MaxRequests}; it was {first}.");
                }

                return await context.GetService<CustomerDataExport>().ListAsync(first, context.CancellationToken);
            });
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
    }
}
