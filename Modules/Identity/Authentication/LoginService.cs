using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Identity.Data;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Users;

namespace ShopIngest.Modules.Identity.Authentication;

internal abstract record LoginResult
{
    public sealed record Succeeded(IssuedToken Token, Tenant Tenant) : LoginResult;

    /// <summary>Wrong email or wrong password: deliberately the same answer.</summary>
    public sealed record InvalidCredentials : LoginResult;

    /// <summary>Too many attempts from this address, or too many wrong passwords for this email from it.</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : LoginResult;
}

/// <summary>
/// Signs a user in. Known and unknown emails go through the same steps (a stored streak, one bcrypt check,
/// one recorded failure), so neither the answers nor their timing tell whether an account exists.
/// </summary>
internal sealed class LoginService(IdentityDbContext db, LoginRateLimiter rateLimiter, LoginThrottle throttle, TokenIssuer tokens)
{
    public async Task<LoginResult> LoginAsync(string email, string password, string clientAddress, CancellationToken cancellationToken)
    {
        var normalizedEmail = User.Normalize(email ?? "");
        if (rateLimiter.TryAcquire(clientAddress) is { } retryAfter)
        {
            return new LoginResult.RateLimited(retryAfter);
        }

        // Waiting is answered before the password is looked at, so a delayed guess learns nothing.
        var wait = await throttle.WaitAsync(normalizedEmail, clientAddress, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            return new LoginResult.RateLimited(wait);
        }

        var user = await db.InTransactionAsync(
            new Dictionary<string, string> { [IdentitySettings.LoginEmail] = normalizedEmail },
            ct => db.Users.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, ct),
            cancellationToken);
        if (!Passwords.Verify(password ?? "", user?.PasswordHash) || user is null || user.DisabledAt is not null)
        {
            await throttle.RecordFailureAsync(normalizedEmail, clientAddress, cancellationToken);
            return new LoginResult.InvalidCredentials();
        }

        await throttle.ClearAsync(normalizedEmail, clientAddress, cancellationToken);
        var tenant = await db.InTransactionAsync(
            IdentitySettings.ForTenant(user.TenantId), ct => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == user.TenantId, ct), cancellationToken);
        return new LoginResult.Succeeded(tokens.Issue(user.Id, user.TenantId, user.Email, user.SecurityStamp), tenant);
    }
}
