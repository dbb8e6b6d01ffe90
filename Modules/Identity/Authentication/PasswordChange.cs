using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Identity.Users;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>
/// Changes a signed-in user's password. The current password is checked as a sign-in checks it, with the same
/// limits per client address, so a stolen token cannot be used to guess it; the user gets a new security stamp,
/// which ends every token issued before, and a fresh token for the caller.
/// </summary>
internal sealed class PasswordChange(IdentityDbContext db, LoginRateLimiter rateLimiter, LoginThrottle throttle, TokenIssuer tokens, SecurityStamps stamps)
{
    public async Task<LoginResult> ChangeAsync(
        Guid tenantId, Guid userId, string currentPassword, string newPassword, string clientAddress, CancellationToken cancellationToken)
    {
        if (rateLimiter.TryAcquire(clientAddress) is { } retryAfter)
        {
            return new LoginResult.RateLimited(retryAfter);
        }

        var user = await db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), ct => db.Users.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(u => u.TenantId == tenantId && u.Id == userId && u.DisabledAt == null, ct), cancellationToken);
        if (user is null)
        {
            return new LoginResult.InvalidCredentials();
        }

        var wait = await throttle.WaitAsync(user.NormalizedEmail, clientAddress, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            return new LoginResult.RateLimited(wait);
        }

        if (!Passwords.Verify(currentPassword, user.PasswordHash))
        {
            await throttle.RecordFailureAsync(user.NormalizedEmail, clientAddress, cancellationToken);
            return new LoginResult.InvalidCredentials();
        }

        await throttle.ClearAsync(user.NormalizedEmail, clientAddress, cancellationToken);
        var stamp = Guid.NewGuid();
        var hash = Passwords.Hash(newPassword);
        var tenant = await db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), async ct =>
        {
            var stored = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.TenantId == tenantId && u.Id == userId, ct);
            stored.PasswordHash = hash;
            stored.SecurityStamp = stamp;
            return await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct);
        }, cancellationToken);
        stamps.Forget(userId);
        return new LoginResult.Succeeded(tokens.Issue(userId, tenantId, user.Email, stamp), tenant);
    }
}
