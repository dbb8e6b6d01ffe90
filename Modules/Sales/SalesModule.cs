using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Dashboard;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Sales.GraphQL;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Sales.Privacy;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales;

/// <summary>Customers, orders and the analytics over them.</summary>
public static class SalesModule
{
    public static IHostApplicationBuilder AddSalesModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<SalesDbContext>(SalesDbContext.Schema);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ICustomerIngest, CustomerIngest>();
        builder.Services.AddSingleton<IOrderIngest, OrderIngest>();
        builder.Services.AddSingleton<ICustomerPrivacy, CustomerPrivacy>();
        builder.Services.AddSingleton<IShopDataEraser, SalesDataEraser>();
        builder.Services.AddScoped<CustomerDataExport>();
        builder.Services.AddScoped<SalesAnalytics>();
        builder.Services.AddScoped<CustomerListing>();
        builder.Services.AddScoped<OrderListing>();
        builder.Services.AddGraphQLContribution<SalesGraphQL>();
        return builder;
    }

    public static WebApplication MapSalesModule(this WebApplication app)
    {
        app.MapDashboardEndpoints();
        return app;
    }
}
