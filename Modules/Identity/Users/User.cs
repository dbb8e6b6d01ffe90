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

    public DateTimeOffset CreatedAt { get; init; }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
