namespace ShopIngest.Modules.Sync.Engine;

/// <summary>What a run pulls from Shopify; stored by its lower-case name.</summary>
internal enum SyncResource
{
    Products,
    Customers,
    Orders,
}

internal static class SyncResources
{
    public static readonly IReadOnlyList<SyncResource> All = [SyncResource.Products, SyncResource.Customers, SyncResource.Orders];

    public static string Name(this SyncResource resource) => resource switch
    {
        SyncResource.Products => "products",
        SyncResource.Customers => "customers",
        SyncResource.Orders => "orders",
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    /// <summary>The access scope Shopify requires to read the resource (https://shopify.dev/docs/api/usage/access-scopes).</summary>
    public static string RequiredScope(this SyncResource resource) => resource switch
    {
        SyncResource.Products => Identity.Contracts.ShopifyAccessScopes.ReadProducts,
        SyncResource.Customers => Identity.Contracts.ShopifyAccessScopes.ReadCustomers,
        SyncResource.Orders => Identity.Contracts.ShopifyAccessScopes.ReadOrders,
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    public static SyncResource? Parse(string? name) => name switch
    {
        "products" => SyncResource.Products,
        "customers" => SyncResource.Customers,
        "orders" => SyncResource.Orders,
        _ => null,
    };
}
