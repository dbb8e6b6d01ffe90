using GraphQL;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>
/// The user context of a GraphQL request: which shop it is served from, with what the request sees of it, fixed when
/// it starts (the token's scopes, the simulator's clock, the search index lag). A bulk export reads through one too.
/// </summary>
internal sealed class ShopRequestContext(SimulatedShop shop, GrantedScopes scopes, DateTimeOffset now) : Dictionary<string, object?>
{
    public SimulatedShop Shop { get; } = shop;

    public GrantedScopes Scopes { get; } = scopes;

    public DateTimeOffset Now { get; } = now;

    public int SearchIndexLagSeconds { get; } = shop.Serving.SearchIndexLagSeconds;

    /// <summary>The API version in the request's path, such as 2025-10: the version a subscription it creates delivers in.</summary>
    public string ApiVersion { get; init; } = "2025-10";

    /// <summary>Scheme and host the request reached the simulator at, e.g. <c>http://127.0.0.1:5099</c>: the base of the URLs it hands out.</summary>
    public string BaseUri { get; init; } = string.Empty;
}

internal static class ResolveFieldContextExtensions
{
    public static ShopRequestContext Request(this IResolveFieldContext context) => (ShopRequestContext)context.UserContext;

    public static SimulatedShop Shop(this IResolveFieldContext context) => context.Request().Shop;

    public static ShopData ShopData(this IResolveFieldContext context) => context.Shop().Data;
}
