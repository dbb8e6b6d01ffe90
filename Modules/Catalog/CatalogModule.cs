using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Catalog.Data;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Catalog;

/// <summary>Products and their variants.</summary>
public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalogModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<CatalogDbContext>(CatalogDbContext.Schema);
        return builder;
    }

    public static WebApplication MapCatalogModule(this WebApplication app) => app;
}
