using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Cost;
using ShopIngest.ShopifySimulator.Faults;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>
/// <c>POST /shops/{shop}/admin/api/{version}/graphql.json</c>: authenticates like Shopify, applies the
/// shop's injected faults, charges the calculated cost to the shop's bucket, runs the query and
/// reports <c>extensions.cost</c> on every GraphQL response.
/// </summary>
internal sealed partial class AdminApiEndpoint(
    ShopRegistry shops,
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    QueryCostCalculator costs,
    ValidatedDocuments documents,
    SimulatorClock clock,
    ILogger<AdminApiEndpoint> logger)
{
    public const string Route = "/shops/{shopDomain}/admin/api/{version}/graphql.json";
    public const int MaxQueryCost = 1000;
    private const string RateLimitDocumentation = "https://shopify.dev/api/usage/rate-limits";
    private const string InvalidToken = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    public async Task HandleAsync(HttpContext http, string shopDomain, string version)
    {
        var cancellation = http.RequestAborted;
        var shop = shops.Find(shopDomain);
        if (shop is null || !ApiVersion().IsMatch(version))
        {
            await WriteErrorAsync(http, StatusCodes.Status404NotFound, "Not Found");
            return;
        }

        if (!shop.AcceptsToken(http.Request.Headers["X-Shopify-Access-Token"]))
        {
            await WriteErrorAsync(http, StatusCodes.Status401Unauthorized, InvalidToken);
            return;
        }

        shop.Stats.RequestServed();
        http.Response.Headers["X-Shopify-API-Version"] = version;
        var fault = shop.Faults.Next();
        if (fault.LatencyMs > 0)
        {
            shop.Stats.LatencyInjected();
            await Task.Delay(fault.LatencyMs, cancellation);
        }

        if (fault.Kind != FaultKind.None)
        {
            shop.Stats.FaultInjected(fault.Kind);
            logger.LogDebug("Injecting {Fault} into a request to {Shop}", fault.Kind, shop.Domain);
        }

        switch (fault.Kind)
        {
            case FaultKind.ResetConnection:
                http.Abort();
                return;
            case FaultKind.ServerError:
                await WriteErrorAsync(http, fault.ServerErrorStatus, ReasonPhrase(fault.ServerErrorStatus));
                return;
        }

        if (ShopStateResponses.TryGet(fault.Kind, out var refusal, out var message))
        {
            await WriteErrorAsync(http, refusal, message);
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, cancellation);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            request = null;
        }

        if (request?.Query is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "Bad Request: the body must be a JSON object with a query.");
            return;
        }

        // An injected ACCESS_DENIED runs the query as if the merchant had revoked every scope of the token.
        var scopes = fault.Kind == FaultKind.AccessDenied ? GrantedScopes.None : shop.Scopes;
        var context = new ShopRequestContext(shop, scopes, clock.Time.GetUtcNow())
        {
            BaseUri = $"{http.Request.Scheme}://{http.Request.Host}",
            ApiVersion = version,
        };
        var result = await RunAsync(context, request, fault.Kind == FaultKind.Throttled, http);
        await WriteResultAsync(http, result, truncate: fault.Kind == FaultKind.MalformedJson);
    }

    private async Task<ExecutionResult> RunAsync(ShopRequestContext context, GraphQLRequest request, bool forceThrottle, HttpContext http)
    {
        var shop = context.Shop;
        var (document, validated) = documents.Parse(request.Query!);
        var requested = document is null ? 0 : costs.Requested(document, request.OperationName, request.Variables);
        if (requested > MaxQueryCost)
        {
            shop.Stats.MaxCostExceeded();
            var tooExpensive = new ShopifyExecutionError(MaxCostMessage(requested), "MAX_COST_EXCEEDED")
                .AddExtension("cost", requested)
                .AddExtension("maxCost", MaxQueryCost)
                .AddExtension("documentation", RateLimitDocumentation);
            return Failed(tooExpensive, requested, shop.Bucket.Current());
        }

        if (forceThrottle || !shop.Bucket.TryTake(requested, out var status))
        {
            shop.Stats.Throttled();
            var throttled = new ShopifyExecutionError("Throttled", "THROTTLED").AddExtension("documentation", RateLimitDocumentation);
            return Failed(throttled, requested, shop.Bucket.Current());
        }

        var options = new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            Variables = request.Variables,
            OperationName = request.OperationName,
            RequestServices = http.RequestServices,
            UserContext = context,
            CancellationToken = http.RequestAborted,
        };
        if (validated)
        {
            // Its selections already passed every rule. No rule is run again, and the variables are still coerced and
            // checked against the document's definitions.
            options.ValidationRules = [];
        }

        var result = await shop.UseDataAsync(_ => executer.ExecuteAsync(options), http.RequestAborted);
        if (!validated && document is not null && result.Executed)
        {
            documents.Validated(request.Query!, document);
        }

        // Charge what was returned: the unused part of the requested cost goes back to the bucket.
        var actual = result.Executed ? Math.Min(requested, QueryCostCalculator.Actual(result.Data as ExecutionNode)) : 0;
        status = shop.Bucket.Refund(requested - actual);
        shop.Stats.PointsSpent(actual);
        result.Extensions = CostExtension(requested, result.Executed ? actual : null, status);
        return result;
    }

    private static ExecutionResult Failed(ExecutionError error, int requested, ThrottleStatus status) => new()
    {
        Errors = [error],
        Extensions = CostExtension(requested, actual: null, status),
    };

    private static Dictionary<string, object?> CostExtension(int requested, int? actual, ThrottleStatus status) => new()
    {
        ["cost"] = new Dictionary<string, object?>
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new Dictionary<string, object?>
            {
                ["maximumAvailable"] = status.MaximumAvailable,
                ["currentlyAvailable"] = status.CurrentlyAvailable,
                ["restoreRate"] = status.RestoreRate,
            },
        },
    };

    private async Task WriteResultAsync(HttpContext http, ExecutionResult result, bool truncate)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, http.RequestAborted);

        // A malformed body is a valid response cut in half: what a dropped proxy connection leaves.
        var length = truncate ? (int)(buffer.Length / 2) : (int)buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, length), http.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ShopifyErrorBody(message), http.RequestAborted);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        StatusCodes.Status502BadGateway => "Bad Gateway",
        StatusCodes.Status503ServiceUnavailable => "Service Unavailable",
        _ => "Internal Server Error",
    };

    private static string MaxCostMessage(int cost) =>
        $"Query cost is {cost}, which exceeds the single query max cost limit ({MaxQueryCost}).\n\n"
        + "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
        + "cost of a query is calculated.\n\n"
        + "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
        + "See https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n";

    [GeneratedRegex(@"^(\d{4}-\d{2}|unstable)$")]
    private static partial Regex ApiVersion();

    /// <summary>Shopify's non-GraphQL error body: <c>{"errors":"…"}</c>.</summary>
    private sealed record ShopifyErrorBody(string Errors);
}
