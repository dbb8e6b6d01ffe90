using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline;

/// <summary>What a resource run needs to know about the tenant it works for.</summary>
internal sealed record TenantRunContext(Guid TenantId, ShopAccess Shop, string? KnownTimeZone, Func<ShopDetails, Task> ShopDetailsSeen)
{
    /// <summary>The token's access scopes as last checked; null before the first check.</summary>
    public IReadOnlyList<string>? GrantedScopes { get; init; }
}
