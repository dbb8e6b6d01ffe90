using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Tenants;

internal sealed class TenantDirectory(IdentityDbContext db, ShopSecretProtector secrets, TimeProvider clock, ITenantContext scope, IMemoryCache cache, WebhookShopChanges webhookShopChanges)
    : ITenantDirectory
{
    private static readonly Dictionary<string, string> DirectoryScope = new() { [IdentitySettings.TenantDirectory] = "on" };

    /// <summary>
    /// How long a replica keeps a shop's webhook secret once read: every delivery would otherwise cost a query before its
    /// own insert. A change made on a replica applies there at once, on the others within this time.
    /// </summary>
    public static readonly TimeSpan WebhookShopCacheDuration = TimeSpan.FromSeconds(30);

    private const string ShopRedacted =
        "Shopify asked for the shop's data to be erased (the app was uninstalled), and it was; syncing starts afresh once the app is installed again and the shop's token is replaced.";

    private const string AppUninstalled =
        "The app was uninstalled from the shop, and Shopify revoked its access token; syncing resumes once the app is installed again and the shop's token is replaced.";

    public Task<IReadOnlyList<Guid>> ListSyncableTenantsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.InTransactionAsync<IReadOnlyList<Guid>>(DirectoryScope, async ct =>
            await db.Tenants.AsNoTracking()
                .Where(t => t.SyncEnabled && t.CredentialsRejectedAt == null && (t.SyncPausedUntil == null || t.SyncPausedUntil <= now))
                .OrderBy(t => t.Id)
                .Select(t => t.Id)
                .ToListAsync(ct), cancellationToken);
    }

    public async Task<ShopProfile?> GetShopAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await FindAsync(tenantId, cancellationToken) is { } tenant
            ? new ShopProfile(tenant.Id, tenant.ShopDomain, tenant.Name, tenant.Currency, tenant.TimeZone) { DataErasedAt = tenant.ShopRedactedAt }
            : null;

    public Task<ShopCredentials?> GetCredentialsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), async ct =>
        {
            var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct);
            return tenant is null
                ? null
                : new ShopCredentials(tenant.Id, tenant.ShopDomain, AccessTokenOf(tenant), tenant.Currency, tenant.TimeZone)
                {
                    GrantedScopes = tenant.GrantedScopes,
                    ScopesCheckedAt = tenant.ScopesCheckedAt,
                    SyncPausedUntil = tenant.SyncPausedUntil,
                    ConsecutiveSyncPauses = tenant.ConsecutiveSyncPauses,
                };
        }, cancellationToken);

    /// <remarks>A shop found is kept for <see cref="WebhookShopCacheDuration"/>; one not found is asked for again each time.</remarks>
    public async Task<WebhookShop?> FindWebhookShopAsync(string shopDomain, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(WebhookShopKey(shopDomain), out WebhookShop? cached))
        {
            return cached;
        }

        // A change committed while this read was under way must not be covered by the copy it would cache.
        var changes = webhookShopChanges.Of(shopDomain);
        var changesBefore = Interlocked.Read(ref changes.Value);
        var found = await db.InTransactionAsync(DirectoryScope, async ct =>
        {
            var tenant = await db.Tenants.AsNoTracking()
                .Where(t => t.ShopDomain == shopDomain && t.ShopRedactedAt == null)
                .Select(t => new { t.Id, t.ProtectedWebhookSecret })
                .SingleOrDefaultAsync(ct);
            return tenant is null
                ? null
                : new WebhookShop(tenant.Id, tenant.ProtectedWebhookSecret is { } secret ? secrets.UnprotectWebhookSecret(secret) : null);
        }, cancellationToken);
        if (found is not null)
        {
            cache.Set(WebhookShopKey(shopDomain), found, WebhookShopCacheDuration);
            if (Interlocked.Read(ref changes.Value) != changesBefore)
            {
                cache.Remove(WebhookShopKey(shopDomain));
            }
        }

        return found;
    }

    public Task RecordShopDetailsAsync(Guid tenantId, string? currency, string? timeZone, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.Currency = currency ?? tenant.Currency;
            tenant.TimeZone = timeZone ?? tenant.TimeZone;
        }, cancellationToken);

    public Task RecordAppUninstalledAsync(Guid tenantId, DateTimeOffset uninstalledAt, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            if ((tenant.AccessTokenReplacedAt ?? tenant.CreatedAt) > uninstalledAt || tenant.CredentialsRejectedAt is not null)
            {
                return;
            }

            tenant.CredentialsRejectedAt = uninstalledAt;
            tenant.CredentialsError = AppUninstalled;
        }, cancellationToken);

    public Task RecordShopRedactedAsync(Guid tenantId, DateTimeOffset redactedAt, CancellationToken cancellationToken) =>
        UpdateWebhookShopAsync(tenantId, tenant =>
        {
            tenant.ProtectedAccessToken = "";
            tenant.ProtectedWebhookSecret = null;
            tenant.ShopRedactedAt = redactedAt;
            tenant.CredentialsRejectedAt ??= redactedAt;
            tenant.CredentialsError = ShopRedacted;
            tenant.Currency = null;
            tenant.TimeZone = null;
            tenant.GrantedScopes = null;
            tenant.ScopesCheckedAt = null;
        }, cancellationToken);

    /// <summary>Replaces the shop's own webhook secret; null removes it, and the app-wide secret applies again.</summary>
    public Task ReplaceWebhookSecretAsync(Guid tenantId, string? webhookSecret, CancellationToken cancellationToken) =>
        UpdateWebhookShopAsync(tenantId, tenant => tenant.ProtectedWebhookSecret = webhookSecret is null ? null : secrets.ProtectWebhookSecret(webhookSecret),
            cancellationToken);

    public Task MarkCredentialsRejectedAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.CredentialsRejectedAt = clock.GetUtcNow();
            tenant.CredentialsError = reason;
        }, cancellationToken);

    public Task RecordAccessScopesAsync(Guid tenantId, IReadOnlyList<string> grantedScopes, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.GrantedScopes = [.. grantedScopes.Order(StringComparer.Ordinal)];
            tenant.ScopesCheckedAt = clock.GetUtcNow();
        }, cancellationToken);

    public Task PauseSyncAsync(Guid tenantId, string reason, DateTimeOffset until, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.SyncPausedReason = reason;
            tenant.SyncPausedUntil = until;
            tenant.ConsecutiveSyncPauses++;
        }, cancellationToken);

    public Task ResumeSyncAsync(Guid tenantId, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, ClearPause, cancellationToken);

    /// <summary>A new token may be for a shop that was reinstalled or unfrozen: it gets a fresh start, scopes checked again.</summary>
    public Task ReplaceAccessTokenAsync(Guid tenantId, string accessToken, CancellationToken cancellationToken) =>
        UpdateWebhookShopAsync(tenantId, tenant =>
        {
            tenant.ProtectedAccessToken = secrets.ProtectAccessToken(accessToken);
            tenant.AccessTokenReplacedAt = clock.GetUtcNow();
            tenant.ShopRedactedAt = null;
            tenant.CredentialsRejectedAt = null;
            tenant.CredentialsError = null;
            tenant.ScopesCheckedAt = null;
            ClearPause(tenant);
        }, cancellationToken);

    /// <summary>The decrypted token; empty once dropped, which Shopify refuses like any wrong token.</summary>
    private string AccessTokenOf(Tenant tenant) =>
        tenant.ProtectedAccessToken.Length == 0 ? "" : secrets.UnprotectAccessToken(tenant.ProtectedAccessToken);

    private static (string, string) WebhookShopKey(string shopDomain) => (nameof(FindWebhookShopAsync), shopDomain);

    private static void ClearPause(Tenant tenant)
    {
        tenant.SyncPausedReason = null;
        tenant.SyncPausedUntil = null;
        tenant.ConsecutiveSyncPauses = 0;
    }

    /// <remarks>
    /// A request asking about its own tenant already has that tenant set on its connection: one plain query
    /// (the dashboard asks on every request). Anyone else (a background job) opens a transaction for it.
    /// </remarks>
    public Task<Tenant?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        scope.TenantId == tenantId
            ? db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            : db.InTransactionAsync(IdentitySettings.ForTenant(tenantId),
                ct => db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct), cancellationToken);

    /// <summary>A change to what <see cref="FindWebhookShopAsync"/> answers: this replica forgets its copy once it has committed.</summary>
    private async Task UpdateWebhookShopAsync(Guid tenantId, Action<Tenant> change, CancellationToken cancellationToken)
    {
        var shopDomain = "";
        await UpdateAsync(tenantId, tenant =>
        {
            change(tenant);
            shopDomain = tenant.ShopDomain;
        }, cancellationToken);

        // Counted before the copy is dropped: a read that began before the commit then drops what it cached, whichever
        // of the two comes last.
        Interlocked.Increment(ref webhookShopChanges.Of(shopDomain).Value);
        cache.Remove(WebhookShopKey(shopDomain));
    }

    private async Task UpdateAsync(Guid tenantId, Action<Tenant> change, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), async ct =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId, ct);
            change(tenant);
            tenant.UpdatedAt = clock.GetUtcNow();
            return true;
        }, cancellationToken);
}
