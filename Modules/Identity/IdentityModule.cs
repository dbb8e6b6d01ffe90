using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Identity;

/// <summary>Tenants (Shopify shops), their users, and who is asking.</summary>
public static class IdentityModule
{
    public static IHostApplicationBuilder AddIdentityModule(this IHostApplicationBuilder builder)
    {
        builder.AddModuleDbContext<IdentityDbContext>(IdentityDbContext.Schema);
        return builder;
    }

    public static WebApplication MapIdentityModule(this WebApplication app) => app;
}
