using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary><c>POST /api/auth</c>: the seed's login contract, plus the token.</summary>
internal static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password)
    {
        // Records print every property; a password or a token must never reach a log line.
        public override string ToString() => $"LoginRequest {{ Email = {Email}, Password = [redacted] }}";
    }

    public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, Guid ShopId)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LoginResponse {{ Token = [redacted], ExpiresAt = {ExpiresAt:O}, ShopId = {ShopId} }}");
    }

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/auth", LoginAsync)
            .WithName("Login")
            .WithSummary("Signs in with email and password; returns a bearer token and the shop id.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous();
        return endpoints;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, LoginService login, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return CodedProblem.Create(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "Both email and password are required.");
        }

        var result = await login.LoginAsync(request.Email, request.Password, ClientAddress.Of(http), cancellationToken);
        switch (result)
        {
            case LoginResult.Succeeded succeeded:
                return TypedResults.Ok(new LoginResponse(succeeded.Token.Token, succeeded.Token.ExpiresAt, succeeded.Tenant.Id));
            case LoginResult.RateLimited limited:
                return CodedProblem.RateLimited(http.Response, limited.RetryAfter, LoginMessages.RateLimited(limited.RetryAfter));
            default:
                return CodedProblem.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, LoginMessages.InvalidCredentials);
        }
    }
}
