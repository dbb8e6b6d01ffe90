namespace ShopIngest.Modules.Identity.Users;

/// <summary>bcrypt, work factor 12: slow enough to make a stolen hash expensive to guess.</summary>
internal static class Passwords
{
    public const int MinimumLength = 8;
    private const int WorkFactor = 12;

    // Compared against when the email is unknown, so that a miss costs as much time as a wrong password.
    private static readonly string UnknownUserHash = BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), WorkFactor);

    /// <summary>What is wrong with a password someone chooses, in one sentence; null when it will do.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength ? $"The password must have at least {MinimumLength} characters." : null;

    public static string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, WorkFactor);

    public static bool Verify(string password, string? hash) =>
        BCrypt.Net.BCrypt.Verify(password, hash ?? UnknownUserHash) && hash is not null;
}
