using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline;

/// <summary>
/// Asks Shopify which access scopes the shop's token holds: before a shop's first sync, once a day after that, and at
/// every sync while a needed scope is missing, so a merchant who grants it sees the warning go within one interval.
/// </summary>
internal sealed class AccessScopeCheck(ShopifyAdminClient client, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    private const string Query = "query AccessScopes { currentAppInstallation { accessScopes { handle } } }";

    private static readonly Dictionary<string, object?> NoVariables = [];

    public bool IsDue(ShopCredentials credentials) =>
        credentials.ScopesCheckedAt is not { } checkedAt
        || time.GetUtcNow() - checkedAt >= Interval
        || ShopifyAccessScopes.Missing(credentials.GrantedScopes ?? []).Count > 0;

    public async Task<(IReadOnlyList<string> Granted, ShopifyUsage Usage)> GrantedAsync(ShopAccess shop, CancellationToken cancellationToken)
    {
        var result = await client.QueryAsync(shop, new ShopifyRequest(Query, NoVariables, RequestedCost: 2 * QueryCosts.Object),
            ShopifyJsonContext.Default.GraphQLResponseAccessScopesData, cancellationToken);
        return ([.. result.Data.CurrentAppInstallation.AccessScopes.Select(scope => scope.Handle)], result.Usage);
    }
}
