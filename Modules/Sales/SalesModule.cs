using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Sales;

/// <summary>Customers, orders and the analytics over them.</summary>
public static class SalesModule
{
    public static IHostApplicationBuilder AddSalesModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<SalesDbContext>(SalesDbContext.Schema);
        return builder;
    }

    public static WebApplication MapSalesModule(this WebApplication app) => app;
}
