using System.Globalization;
using System.Text;

namespace ShopIngest.Modules.Identity.Contracts;

/// <summary>What Sync needs to know about a shop to pull its data.</summary>
public sealed record ShopCredentials(Guid TenantId, string ShopDomain, string AccessToken, string? Currency, string? TimeZone)
{
    /// <summary>The token's access scopes as last checked; null before the first check.</summary>
    public IReadOnlyList<string>? GrantedScopes { get; init; }

    public DateTimeOffset? ScopesCheckedAt { get; init; }

    /// <summary>Set while the shop's syncing is paused (or was, until this time).</summary>
    public DateTimeOffset? SyncPausedUntil { get; init; }

    /// <summary>Pauses in a row without a successful sync between them.</summary>
    public int ConsecutiveSyncPauses { get; init; }

    // A record prints every property; the access token must never reach a log line or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"TenantId = {TenantId}, ShopDomain = {ShopDomain}, AccessToken = [redacted], Currency = {Currency}, TimeZone = {TimeZone}, ");
        builder.Append(CultureInfo.InvariantCulture,
            $"GrantedScopes = {(GrantedScopes is null ? "" : string.Join(',', GrantedScopes))}, ScopesCheckedAt = {ScopesCheckedAt:O}, ");
        builder.Append(CultureInfo.InvariantCulture, $"SyncPausedUntil = {SyncPausedUntil:O}, ConsecutiveSyncPauses = {ConsecutiveSyncPauses}");
        return true;
    }
}

/// <summary>What verifying a shop's webhooks needs: its tenant, and the webhook secret of its own when it has one.</summary>
public sealed record WebhookShop(Guid TenantId, string? WebhookSecret)
{
    // A record prints every property; the secret must never reach a log line or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"TenantId = {TenantId}, WebhookSecret = {(WebhookSecret is null ? "" : "[redacted]")}");
        return true;
    }
}

/// <summary>What other modules may show about a shop.</summary>
public sealed record ShopProfile(Guid TenantId, string ShopDomain, string Name, string? Currency, string? TimeZone)
{
    /// <summary>When Shopify had the shop's data erased (shop/redact); null unless it did and no new token came since.</summary>
    public DateTimeOffset? DataErasedAt { get; init; }
}

/// <summary>
/// The read-mostly directory of tenants other modules may use: which shops to sync, with their decrypted
/// credentials, and the facts a sync learns about a shop.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>Tenants with sync enabled whose Shopify credentials have not been rejected and whose syncing is not paused.</summary>
    Task<IReadOnlyList<Guid>> ListSyncableTenantsAsync(CancellationToken cancellationToken);

    Task<ShopProfile?> GetShopAsync(Guid tenantId, CancellationToken cancellationToken);

    Task<ShopCredentials?> GetCredentialsAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant of the shop with this domain (lowercase, as registered) and its own webhook secret; null when no tenant
    /// has it, or when the shop's data was erased.
    /// </summary>
    Task<WebhookShop?> FindWebhookShopAsync(string shopDomain, CancellationToken cancellationToken);

    /// <summary>Stores the shop's currency and IANA time zone as Shopify reports them; a null leaves the stored one.</summary>
    Task RecordShopDetailsAsync(Guid tenantId, string? currency, string? timeZone, CancellationToken cancellationToken);

    /// <summary>
    /// The app was uninstalled from the shop at <paramref name="uninstalledAt"/>: Shopify revokes the access token then,
    /// so syncing stops as it does for a refused token, until the token is replaced. A token replaced after that moment
    /// (the app installed again) is left alone.
    /// </summary>
    Task RecordAppUninstalledAsync(Guid tenantId, DateTimeOffset uninstalledAt, CancellationToken cancellationToken);

    /// <summary>
    /// Shopify asked for the shop's data to be erased (shop/redact, 48 hours after the app was uninstalled): the access
    /// token and the webhook secret are dropped, syncing stops, and the shop's webhooks are ignored from then on. A new
    /// access token (the app installed again) starts the shop afresh.
    /// </summary>
    Task RecordShopRedactedAsync(Guid tenantId, DateTimeOffset redactedAt, CancellationToken cancellationToken);

    /// <summary>Shopify refused the token: stop syncing this tenant until its token is replaced.</summary>
    Task MarkCredentialsRejectedAsync(Guid tenantId, string reason, CancellationToken cancellationToken);

    /// <summary>Stores the access scopes Shopify reports for the shop's token.</summary>
    Task RecordAccessScopesAsync(Guid tenantId, IReadOnlyList<string> grantedScopes, CancellationToken cancellationToken);

    /// <summary>Shopify cannot serve the shop for now: the schedule skips it until <paramref name="until"/>.</summary>
    Task PauseSyncAsync(Guid tenantId, string reason, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>A sync succeeded again: the pause and its back-off are over.</summary>
    Task ResumeSyncAsync(Guid tenantId, CancellationToken cancellationToken);
}
