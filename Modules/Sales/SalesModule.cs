using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Sales;

/// <summary>Customers, orders and the analytics over them.</summary>
public static class SalesModule
{
    public static IHostApplicationBuilder AddSalesModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<SalesDbContext>(SalesDbContext.Schema);
        builder.Services.AddSingleton<ICustomerIngest, CustomerIngest>();
        builder.Services.AddSingleton<IOrderIngest, OrderIngest>();
        builder.Services.AddScoped<SalesAnalytics>();
        builder.Services.AddScoped<CustomerListing>();
        builder.Services.AddScoped<OrderListing>();
        return builder;
    }

    public static WebApplication MapSalesModule(this WebApplication app) => app;
}
