using GraphQL;

namespace ShopIngest.Modules.Shared.GraphQL;

/// <summary>The <c>extensions.code</c> values clients can rely on.</summary>
public static class ErrorCodes
{
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotAuthenticated = "AUTH_NOT_AUTHENTICATED";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string RateLimited = "RATE_LIMITED";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string Forbidden = "FORBIDDEN";

    public static ExecutionError Error(string code, string message) => new(message) { Code = code };
}
