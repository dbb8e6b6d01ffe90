using System.Globalization;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>The words a person sees when signing in fails, the same over GraphQL and REST.</summary>
internal static class LoginMessages
{
    public const string InvalidCredentials = "The email or the password is wrong.";

    public static string RateLimited(TimeSpan retryAfter) =>
        string.Create(CultureInfo.InvariantCulture, $"Too many sign-in attempts: try again in {Math.Ceiling(retryAfter.TotalSeconds)} seconds.");
}
