using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Users;

internal sealed class User : ITenantOwned
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    /// <summary>As the user typed it.</summary>
    public required string Email { get; init; }

    /// <summary>Trimmed and lowercased: what uniqueness and login compare.</summary>
    public required string NormalizedEmail { get; init; }

    public required string PasswordHash { get; set; }

    public int FailedLoginCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd > now;

    /// <summary>Counts a wrong password; the fifth in a row locks the user out for a while.</summary>
    public void RecordFailedLogin(DateTimeOffset now)
    {
        FailedLoginCount++;
        if (FailedLoginCount >= MaxFailedLogins)
        {
            LockoutEnd = now + LockoutDuration;
            FailedLoginCount = 0;
        }
    }

    public void RecordSuccessfulLogin()
    {
        FailedLoginCount = 0;
        LockoutEnd = null;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
