using ShopIngest.Modules.Identity.Contracts;

namespace ShopIngest.Modules.Sync.Resources;

/// <summary>What a run pulls from Shopify: stored by its <see cref="Name"/>, read with its <see cref="RequiredScope"/>.</summary>
internal sealed class SyncResource
{
    public static readonly SyncResource Products = new("products", ShopifyAccessScopes.ReadProducts, "PRODUCT");
    public static readonly SyncResource Customers = new("customers", ShopifyAccessScopes.ReadCustomers, "CUSTOMER");
    public static readonly SyncResource Orders = new("orders", ShopifyAccessScopes.ReadOrders, "ORDER");

    public static readonly IReadOnlyList<SyncResource> All = [Products, Customers, Orders];

    private SyncResource(string name, string requiredScope, string eventSubjectType)
    {
        Name = name;
        RequiredScope = requiredScope;
        EventSubjectType = eventSubjectType;
    }

    /// <summary>The lower-case plural Shopify names its connection by, e.g. <c>orders</c>.</summary>
    public string Name { get; }

    /// <summary>The access scope Shopify requires to read the resource (https://shopify.dev/docs/api/usage/access-scopes).</summary>
    public string RequiredScope { get; }

    /// <summary>The EventSubjectType of its records' events (https://shopify.dev/docs/api/admin-graphql/2025-10/enums/EventSubjectType).</summary>
    public string EventSubjectType { get; }

    public static SyncResource? Parse(string? name) => All.FirstOrDefault(resource => resource.Name == name);

    public override string ToString() => Name;
}
