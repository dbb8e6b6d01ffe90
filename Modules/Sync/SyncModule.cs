using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync.Data;

namespace ShopIngest.Modules.Sync;

/// <summary>Pulls products, customers and orders from Shopify into Catalog and Sales.</summary>
public static class SyncModule
{
    public static IHostApplicationBuilder AddSyncModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<SyncDbContext>(SyncDbContext.Schema);
        builder.Services.AddOptions<ShopifyOptions>()
            .BindConfiguration(ShopifyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapSyncModule(this WebApplication app) => app;
}
