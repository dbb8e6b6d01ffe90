using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Shared.Http;

public static class OwnShopIdFilter
{
    /// <summary>
    /// Older clients still send the <c>shopId</c> the seed's login returned. The tenant always comes from the
    /// token; a <c>shopId</c> is accepted only when it names that same tenant, else the request gets 403.
    /// </summary>
    public static TBuilder RequireOwnShopId<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.Query.TryGetValue("shopId", out var shopId)
                && (!Guid.TryParse(shopId, out var claimed) || claimed != http.RequestServices.GetRequiredService<ITenantContext>().TenantId))
            {
                return CodedProblem.Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                    "shopId names another shop than the one you are signed in to.");
            }

            return await next(context);
        });
}
