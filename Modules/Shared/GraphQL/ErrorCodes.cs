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

    /// <summary>The document asks for too much at once (root fields, fields, complexity); refused before it runs.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>The request body is larger than the Host accepts (HTTP 413).</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The request's Accept header allows no media type the endpoint answers with (HTTP 406).</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>The schema is not described to this caller (introspection is off, or only for signed-in users).</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>Shopify refused a call made on the shop's behalf, or could not answer it; the message says which and why.</summary>
    public const string ShopifyRefused = "SHOPIFY_REFUSED";

    public static ExecutionError Error(string code, string message) => new(message) { Code = code };
}
