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
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.Query.TryGetValue("shopId", out var shopId)
                && (!Guid.TryParse(shopId, out var claimed) || claimed != http.RequestServices.GetRequiredService<ITenantContext>().TenantId))
            {
                return Results.Problem(
                    detail: "shopId names another shop than the one you are signed in to.",
                    statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Forbidden });
            }

            return await next(context);
        });

    /// <summary>A 400 problem-details answer for a parameter the client got wrong.</summary>
    public static IResult BadParameter(string detail) => Results.Problem(
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput });
}
