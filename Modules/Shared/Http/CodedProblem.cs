using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Modules.Shared.Http;

/// <summary>REST errors as problem details carrying the same <c>code</c> a GraphQL error would.</summary>
public static class CodedProblem
{
    public static ProblemHttpResult Create(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>429 <c>RATE_LIMITED</c>, with a <c>Retry-After</c> header in whole seconds, rounded up.</summary>
    public static ProblemHttpResult RateLimited(HttpResponse response, TimeSpan retryAfter, string detail)
    {
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, detail);
    }

    /// <summary>400 for a parameter the client got wrong.</summary>
    public static ProblemHttpResult BadParameter(string detail) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, detail);
}
