using GraphQL.Types;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Modules.Sales.GraphQL;

internal sealed record StatsView(SalesStats Stats, Guid TenantId);

internal sealed class SalesStatsGraphType : ObjectGraphType<StatsView>
{
    public SalesStatsGraphType()
    {
        Name = "SalesStats";
        Description = "Totals over counted orders (not test, not cancelled) in the range, in the shop currency.";
        Field<NonNullGraphType<DecimalGraphType>>("totalRevenue").Description("Sum of current totals (after refunds and edits).").Resolve(c => c.Source.Stats.TotalRevenue);
        Field<NonNullGraphType<DecimalGraphType>>("grossRevenue").Description("Sum of original order totals.").Resolve(c => c.Source.Stats.GrossRevenue);
        Field<NonNullGraphType<LongGraphType>>("totalOrders").Description("Number of counted orders.").Resolve(c => c.Source.Stats.TotalOrders);
        Field<NonNullGraphType<DecimalGraphType>>("averageOrderValue").Description("totalRevenue / totalOrders; 0 without orders.").Resolve(c => c.Source.Stats.AverageOrderValue);
        Field<NonNullGraphType<LongGraphType>>("totalCustomers").Description("Number of customers of the shop.").Resolve(c => c.Source.Stats.TotalCustomers);
        // Only looked up when asked for.
        Field<StringGraphType>("currency")
            .Description("ISO 4217 shop currency; known after the first sync.")
            .ResolveAsync(async c => (await c.GetService<ITenantDirectory>().GetShopAsync(c.Source.TenantId, c.CancellationToken))?.Currency);
    }
}

internal sealed class SalesPointGraphType : ObjectGraphType<SalesPoint>
{
    public SalesPointGraphType()
    {
        Name = "SalesPoint";
        Description = "Counted orders of one day, week or month.";
        Field<NonNullGraphType<ShopDateGraphType>>("date").Description("The first day of the bucket.").Resolve(c => c.Source.Date);
        Field<NonNullGraphType<LongGraphType>>("orders").Description("Counted orders processed in the bucket.").Resolve(c => c.Source.Orders);
        Field<NonNullGraphType<DecimalGraphType>>("revenue").Description("Their current totals.").Resolve(c => c.Source.Revenue);
    }
}

internal sealed class SalesIntervalGraphType : EnumerationGraphType<SalesInterval>
{
    public SalesIntervalGraphType()
    {
        Name = "SalesInterval";
        Description = "How salesByDate buckets days: DAY, WEEK (ISO, from Monday) or MONTH.";
    }
}

internal sealed class TopCustomerGraphType : ObjectGraphType<TopCustomer>
{
    public TopCustomerGraphType()
    {
        Name = "TopCustomer";
        Description = "A customer ranked by lifetime value as Shopify reports it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("ShopIngest's id of the customer.").Resolve(c => GlobalIds.NodeId("Customer", c.Source.ShopifyId));
        Field<NonNullGraphType<StringGraphType>>("shopifyId").Description("The customer's Shopify GID.").Resolve(c => GlobalIds.ShopifyGid("Customer", c.Source.ShopifyId));
        Field(t => t.Name).Description("The customer's display name.");
        Field(t => t.Email, nullable: true).Description("The customer's email.");
        Field<NonNullGraphType<DecimalGraphType>>("amountSpent").Description("Lifetime spend in the shop currency.").Resolve(c => c.Source.AmountSpent);
        Field<NonNullGraphType<LongGraphType>>("numberOfOrders").Description("Lifetime number of orders.").Resolve(c => c.Source.NumberOfOrders);
    }
}
