using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Identity.Users;

internal sealed class User : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    /// <summary>As the user typed it.</summary>
    public required string Email { get; init; }

    /// <summary>Trimmed and lowercased: what uniqueness and login compare.</summary>
    public required string NormalizedEmail { get; init; }

    public required string PasswordHash { get; set; }

    /// <summary>
    /// Carried by every token issued to the user and compared on each request: a new stamp (a changed password, a
    /// disabled user) makes every earlier token stop working.
    /// </summary>
    public Guid SecurityStamp { get; set; }

    /// <summary>Set when the user may no longer sign in; their tokens stop working too.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <remarks>NUL, which no PostgreSQL text can hold, becomes U+FFFD: such an email matches no user and is counted like any other.</remarks>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant().Replace('\0', '\uFFFD');
}
