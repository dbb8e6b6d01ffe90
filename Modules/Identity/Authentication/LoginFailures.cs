namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>
/// Wrong passwords in a row for one email from one client address, kept in the database so that every
/// Host replica sees the same streak. Rows exist for unknown emails too: an account must not show.
/// </summary>
internal sealed class LoginFailures
{
    /// <summary>As long as a user's email may be; a longer one is kept by its first this many characters.</summary>
    public const int MaxEmailLength = 320;

    /// <summary>As <see cref="Users.User.Normalize"/> makes it, whether or not a user has it.</summary>
    public required string NormalizedEmail { get; init; }

    /// <summary>As <see cref="Authentication.ClientAddress"/> writes it.</summary>
    public required string ClientAddress { get; init; }

    public int Failures { get; init; }

    public DateTimeOffset LastFailedAt { get; init; }
}
