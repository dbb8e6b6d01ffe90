using Microsoft.AspNetCore.Http;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>Binds the request's scope to the tenant named in its validated token, and to nothing else.</summary>
internal sealed class TenantContextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, ITenantContext tenant)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirst(TokenIssuer.TenantIdClaim)?.Value, out var tenantId))
        {
            tenant.Use(tenantId);
        }

        return next(context);
    }
}
