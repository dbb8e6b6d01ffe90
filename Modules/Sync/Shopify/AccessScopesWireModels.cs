namespace ShopIngest.Modules.Sync.Shopify;

// currentAppInstallation { accessScopes { handle } } as the 2025-10 reference declares it: AppInstallation!,
// accessScopes: [AccessScope!]!, handle: String! (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/AppInstallation).

internal sealed class AccessScopesData
{
    public AppInstallation CurrentAppInstallation { get; set; } = null!;
}

internal sealed class AppInstallation
{
    public IReadOnlyList<AccessScope> AccessScopes { get; set; } = [];
}

internal sealed class AccessScope
{
    public string Handle { get; set; } = "";
}
