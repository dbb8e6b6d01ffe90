using GraphQL;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>The user context of a GraphQL request: which shop it is served from.</summary>
internal sealed class ShopRequestContext(SimulatedShop shop) : Dictionary<string, object?>
{
    public SimulatedShop Shop { get; } = shop;
}

internal static class ResolveFieldContextExtensions
{
    public static SimulatedShop Shop(this IResolveFieldContext context) => ((ShopRequestContext)context.UserContext).Shop;

    public static ShopData ShopData(this IResolveFieldContext context) => context.Shop().Data;
}
