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

    public sealed record LockedOut(DateTimeOffset Until) : LoginResult;

    public sealed record RateLimited(TimeSpan RetryAfter) : LoginResult;
}

internal sealed class LoginService(IdentityDbContext db, LoginRateLimiter rateLimiter, TokenIssuer tokens, TimeProvider clock)
{
    public async Task<LoginResult> LoginAsync(string email, string password, string clientAddress, CancellationToken cancellationToken)
    {
        var normalizedEmail = User.Normalize(email ?? "");
        if (rateLimiter.TryAcquire(clientAddress, normalizedEmail) is { } retryAfter)
        {
            return new LoginResult.RateLimited(retryAfter);
        }

        var settings = new Dictionary<string, string> { [IdentitySettings.LoginEmail] = normalizedEmail };
        return await db.InTransactionAsync<LoginResult>(settings, async ct =>
        {
            var now = clock.GetUtcNow();
            var user = await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, ct);
            if (user?.IsLockedOut(now) == true)
            {
                return new LoginResult.LockedOut(user.LockoutEnd!.Value);
            }

            if (!Passwords.Verify(password ?? "", user?.PasswordHash) || user is null)
            {
                user?.RecordFailedLogin(now);
                return user?.IsLockedOut(now) == true ? new LoginResult.LockedOut(user.LockoutEnd!.Value) : new LoginResult.InvalidCredentials();
            }

            user.RecordSuccessfulLogin();
            await db.Database.ExecuteSqlAsync($"SELECT set_config({Shared.Tenancy.TenantSetting.Name}, {user.TenantId.ToString()}, true)", ct);
            var tenant = await db.Tenants.SingleAsync(t => t.Id == user.TenantId, ct);
            return new LoginResult.Succeeded(tokens.Issue(user.Id, user.TenantId, user.Email), tenant);
        }, cancellationToken);
    }
}
