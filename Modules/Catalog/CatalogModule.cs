using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Catalog.Data;
using ShopIngest.Modules.Catalog.Deletions;
using ShopIngest.Modules.Catalog.GraphQL;
using ShopIngest.Modules.Catalog.Products;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Modules.Catalog;

/// <summary>Products and their variants.</summary>
public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalogModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<CatalogDbContext>(CatalogDbContext.Schema);
        builder.Services.AddSingleton<IProductIngest, ProductIngest>();
        builder.Services.AddSingleton<IShopDataEraser, CatalogDataEraser>();
        builder.Services.AddScoped<ProductListing>();
        builder.Services.AddGraphQLContribution<CatalogGraphQL>();
        return builder;
    }

    public static WebApplication MapCatalogModule(this WebApplication app) => app;
}
