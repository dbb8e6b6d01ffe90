using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Host.GraphQL;

/// <summary>
/// GraphQL over HTTP (the graphql-over-http draft) on one path: POST with a JSON body, GET for queries.
/// </summary>
internal static class GraphQLEndpoint
{
    public const string Path = "/graphql";

    private const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string JsonMediaType = "application/json";

    public static WebApplication MapGraphQLEndpoint(this WebApplication app)
    {
        // GraphQL describes itself through introspection; OpenAPI documents the REST endpoints only.
        app.MapPost(Path, HandlePostAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(Path, HandleGetAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task HandlePostAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        if (!context.Request.HasJsonContentType())
        {
            await WriteRequestErrorAsync(context, serializer, StatusCodes.Status415UnsupportedMediaType,
                "A GraphQL POST must have Content-Type application/json.");
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            await WriteRequestErrorAsync(context, serializer, StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {exception.Message}");
            return;
        }

        await ExecuteAsync(context, serializer, request, allowMutations: true);
    }

    private static async Task HandleGetAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        var query = context.Request.Query;
        Inputs? variables = null;
        if (query.TryGetValue("variables", out var variablesJson) && !string.IsNullOrEmpty(variablesJson))
        {
            try
            {
                variables = serializer.Deserialize<Inputs>(variablesJson.ToString());
            }
            catch (JsonException exception)
            {
                await WriteRequestErrorAsync(context, serializer, StatusCodes.Status400BadRequest, $"The variables parameter is not valid JSON: {exception.Message}");
                return;
            }
        }

        var request = new GraphQLRequest
        {
            Query = query["query"].ToString(),
            OperationName = query["operationName"].ToString() is { Length: > 0 } name ? name : null,
            Variables = variables,
        };
        await ExecuteAsync(context, serializer, request, allowMutations: false);
    }

    private static async Task ExecuteAsync(HttpContext context, IGraphQLTextSerializer serializer, GraphQLRequest? request, bool allowMutations)
    {
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteRequestErrorAsync(context, serializer, StatusCodes.Status400BadRequest, "The request has no GraphQL query.");
            return;
        }

        // Counted before the library validates: its validation grows faster than the document.
        var document = TryParse(context, request.Query);
        if (document is not null
            && DocumentLimits.Problem(document, context.RequestServices.GetRequiredService<IOptions<GraphQLSettings>>().Value) is { } tooMuch)
        {
            await WriteAsync(context, serializer, StatusCodes.Status400BadRequest,
                new ExecutionResult { Errors = [ErrorCodes.Error(ErrorCodes.QueryTooComplex, tooMuch)] });
            return;
        }

        var executer = context.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            Variables = request.Variables,
            Extensions = request.Extensions,
            OperationName = request.OperationName,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            ValidationRules = allowMutations ? null : DocumentValidator.CoreRules.Append(QueriesOnlyValidationRule.Instance),
        });

        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // Too deep or too complex: one code for every way a document asks for too much.
        foreach (var error in result.Errors?.OfType<ComplexityError>() ?? [])
        {
            error.Code = ErrorCodes.QueryTooComplex;
        }

        // A document that could not be parsed or validated never ran: that is the client's fault.
        var statusCode = result.Executed ? StatusCodes.Status200OK
            : result.Errors?.Any(e => e is QueriesOnlyValidationRule.MutationOverGetError) == true ? StatusCodes.Status405MethodNotAllowed
            : StatusCodes.Status400BadRequest;
        await WriteAsync(context, serializer, statusCode, result);
    }

    /// <summary>The parsed document; null when it does not parse, which the executer then reports with its location.</summary>
    private static GraphQLDocument? TryParse(HttpContext context, string query)
    {
        try
        {
            return context.RequestServices.GetRequiredService<IDocumentBuilder>().Build(query);
        }
        catch (Exception exception) when (exception is SyntaxError or GraphQLParserException)
        {
            return null;
        }
    }

    private static Task WriteRequestErrorAsync(HttpContext context, IGraphQLTextSerializer serializer, int statusCode, string message) =>
        WriteAsync(context, serializer, statusCode, new ExecutionResult { Errors = [new ExecutionError(message) { Code = "BAD_REQUEST" }] });

    private static async Task WriteAsync(HttpContext context, IGraphQLTextSerializer serializer, int statusCode, ExecutionResult result)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = $"{NegotiateMediaType(context.Request)}; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private static string NegotiateMediaType(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        var prefersGraphQLResponse = accepted.Count == 0 || accepted
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => a.MediaType.Value)
            .FirstOrDefault(m => m is GraphQLResponseMediaType or JsonMediaType or "application/*" or "*/*") is GraphQLResponseMediaType or "application/*" or "*/*";
        return prefersGraphQLResponse ? GraphQLResponseMediaType : JsonMediaType;
    }
}
