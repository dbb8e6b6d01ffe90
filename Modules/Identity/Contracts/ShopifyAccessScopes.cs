namespace ShopIngest.Modules.Identity.Contracts;

/// <summary>
/// The Admin API access scopes ShopIngest reads with, and what granted scopes imply. Scope handles and the
/// <c>write_</c>-implies-<c>read_</c> rule: https://shopify.dev/docs/api/usage/access-scopes.
/// </summary>
public static class ShopifyAccessScopes
{
    public const string ReadProducts = "read_products";
    public const string ReadCustomers = "read_customers";
    public const string ReadOrders = "read_orders";

    /// <summary>Without it, Shopify shows an app only the orders of the last 60 days.</summary>
    public const string ReadAllOrders = "read_all_orders";

    public static readonly IReadOnlyList<string> Needed = [ReadProducts, ReadCustomers, ReadOrders, ReadAllOrders];

    /// <summary>The needed scopes the grant lacks; a <c>write_x</c> grant includes <c>read_x</c>.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> granted)
    {
        var held = granted.ToHashSet(StringComparer.Ordinal);
        return [.. Needed.Where(scope => !held.Contains(scope) && !held.Contains("write_" + scope["read_".Length..]))];
    }
}
