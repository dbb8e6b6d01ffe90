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
using Microsoft.Net.Http.Headers;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;

namespace ShopIngest.Host.GraphQL;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/) on one path: POST with a JSON body, GET for
/// queries. The answer's media type follows the request's <c>Accept</c> (<see cref="ResponseMediaType"/>), and so does
/// its status code: <c>application/graphql-response+json</c> gets 4xx for a document that could not be parsed or
/// validated, <c>application/json</c> gets 200 for every well-formed request, its errors in the body.
/// </summary>
internal static class GraphQLEndpoint
{
    public const string Path = "/graphql";

    public static WebApplication MapGraphQLEndpoint(this WebApplication app)
    {
        // GraphQL describes itself through introspection; OpenAPI documents the REST endpoints only.
        app.MapPost(Path, HandlePostAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(Path, HandleGetAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task HandlePostAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        if (await RefusedAsNotAcceptableAsync(context))
        {
            return;
        }

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
        if (await RefusedAsNotAcceptableAsync(context))
        {
            return;
        }

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
            await WriteAsync(context, serializer, NotExecutedStatus(context),
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

        // A mutation over GET is refused whatever the media type (the spec's 405); any other document that could not be
        // parsed, validated or given its variables never ran: the client's fault, said by the status code where it may be.
        var statusCode = result.Executed ? StatusCodes.Status200OK
            : result.Errors?.Any(e => e is QueriesOnlyValidationRule.MutationOverGetError) == true ? StatusCodes.Status405MethodNotAllowed
            : NotExecutedStatus(context);
        await WriteAsync(context, serializer, statusCode, result);
    }

    /// <summary>
    /// The status of a well-formed request whose document did not run: 400 for <c>application/graphql-response+json</c>,
    /// 200 for <c>application/json</c>, whose clients read errors only from the body (the spec's rule for the legacy
    /// type: a 4xx could as well come from a proxy, so it tells a client nothing about GraphQL).
    /// </summary>
    private static int NotExecutedStatus(HttpContext context) =>
        MediaTypeOf(context) == ResponseMediaType.Json ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

    /// <summary>Answers 406 with a problem body when the client accepts neither response type; the request goes no further.</summary>
    private static async Task<bool> RefusedAsNotAcceptableAsync(HttpContext context)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        if (ResponseMediaType.Negotiate(context.Request) is { } mediaType)
        {
            context.Items[typeof(ResponseMediaType)] = mediaType;
            return false;
        }

        await CodedProblem.Create(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
                $"GraphQL answers are {ResponseMediaType.GraphQLResponse} or {ResponseMediaType.Json}, and the Accept header allows neither.")
            .ExecuteAsync(context);
        return true;
    }

    private static string MediaTypeOf(HttpContext context) => (string)context.Items[typeof(ResponseMediaType)]!;

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
        context.Response.ContentType = $"{MediaTypeOf(context)}; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
