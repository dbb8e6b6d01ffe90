using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Data;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>
/// Whether a validly signed token still stands for its user as they are now: the user exists (their shop was not
/// removed), is not disabled, and has the security stamp the token was issued with. What a replica read is kept for
/// <see cref="AuthOptions.SecurityStampCacheDuration"/>, so a busy dashboard costs one query per user per that time.
/// </summary>
internal sealed class SecurityStamps(IMemoryCache cache, IOptions<AuthOptions> options, IServiceScopeFactory scopes)
{
    /// <summary>Fails the authentication of a request whose token no longer stands; it is then treated as anonymous.</summary>
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>();
        if (!Guid.TryParse(principal?.FindFirst(TokenIssuer.TenantIdClaim)?.Value, out var tenantId)
            || !Guid.TryParse(principal.FindFirst(TokenIssuer.UserIdClaim)?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(TokenIssuer.SecurityStampClaim)?.Value, out var stamp)
            || await stamps.CurrentAsync(tenantId, userId, context.HttpContext.RequestAborted) != stamp)
        {
            context.Fail("The token is no longer valid: its password was changed, its user disabled or its shop removed.");
        }
    }

    /// <summary>The user's stamp now; null when the user is gone or disabled.</summary>
    public async Task<Guid?> CurrentAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        var duration = options.Value.SecurityStampCacheDuration;
        if (duration > TimeSpan.Zero && cache.TryGetValue(Key(userId), out Guid? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var current = await db.InTransactionAsync(IdentitySettings.ForTenant(tenantId), ct => db.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.TenantId == tenantId && u.Id == userId && u.DisabledAt == null)
            .Select(u => (Guid?)u.SecurityStamp)
            .SingleOrDefaultAsync(ct), cancellationToken);
        if (duration > TimeSpan.Zero)
        {
            cache.Set(Key(userId), current, duration);
        }

        return current;
    }

    /// <summary>After a change made here: this replica stops trusting its copy at once, the others within the cache duration.</summary>
    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private static (string, Guid) Key(Guid userId) => (nameof(SecurityStamps), userId);
}
