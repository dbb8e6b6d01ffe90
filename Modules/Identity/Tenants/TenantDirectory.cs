using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Tenants;

internal sealed class TenantDirectory(IdentityDbContext db, ShopifyAccessTokenProtector tokens, TimeProvider clock, ITenantContext scope) : ITenantDirectory
{
    private static readonly Dictionary<string, string> DirectoryScope = new() { [IdentitySettings.TenantDirectory] = "on" };

    public Task<IReadOnlyList<Guid>> ListSyncableTenantsAsync(CancellationToken cancellationToken) =>
        db.InTransactionAsync<IReadOnlyList<Guid>>(DirectoryScope, async ct =>
            await db.Tenants.AsNoTracking()
                .Where(t => t.SyncEnabled && t.CredentialsRejectedAt == null)
                .OrderBy(t => t.Id)
                .Select(t => t.Id)
                .ToListAsync(ct), cancellationToken);

    public async Task<ShopProfile?> GetShopAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await FindAsync(tenantId, cancellationToken) is { } tenant
            ? new ShopProfile(tenant.Id, tenant.ShopDomain, tenant.Name, tenant.Currency, tenant.TimeZone)
            : null;

    public Task<ShopCredentials?> GetCredentialsAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), async ct =>
        {
            var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct);
            return tenant is null
                ? null
                : new ShopCredentials(tenant.Id, tenant.ShopDomain, tokens.Unprotect(tenant.ProtectedAccessToken), tenant.Currency, tenant.TimeZone);
        }, cancellationToken);

    public Task RecordShopDetailsAsync(Guid tenantId, string currency, string timeZone, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.Currency = currency;
            tenant.TimeZone = timeZone;
        }, cancellationToken);

    public Task MarkCredentialsRejectedAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.CredentialsRejectedAt = clock.GetUtcNow();
            tenant.CredentialsError = reason;
        }, cancellationToken);

    public Task ReplaceAccessTokenAsync(Guid tenantId, string accessToken, CancellationToken cancellationToken) =>
        UpdateAsync(tenantId, tenant =>
        {
            tenant.ProtectedAccessToken = tokens.Protect(accessToken);
            tenant.CredentialsRejectedAt = null;
            tenant.CredentialsError = null;
        }, cancellationToken);

    /// <remarks>
    /// A request asking about its own tenant already has that tenant set on its connection: one plain query
    /// (the dashboard asks on every request). Anyone else (a background job) opens a transaction for it.
    /// </remarks>
    public Task<Tenant?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        scope.TenantId == tenantId
            ? db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            : db.InTransactionAsync(IdentitySettings.ForTenant(tenantId),
                ct => db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct), cancellationToken);

    private async Task UpdateAsync(Guid tenantId, Action<Tenant> change, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), async ct =>
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId, ct);
            change(tenant);
            tenant.UpdatedAt = clock.GetUtcNow();
            return true;
        }, cancellationToken);
}
