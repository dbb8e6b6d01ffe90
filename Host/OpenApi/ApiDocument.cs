using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ShopIngest.Host.Security;

namespace ShopIngest.Host.OpenApi;

/// <summary>Section <c>OpenApi</c>.</summary>
internal sealed class OpenApiSettings
{
    public const string Section = "OpenApi";

    /// <summary>Serves <c>/openapi/v1.json</c>; when left out, in Development only.</summary>
    public bool? Enabled { get; set; }
}

/// <summary>
/// The REST endpoints' OpenAPI document: the bearer scheme on every endpoint that needs a token, and the answers
/// every endpoint can give besides its own (401 without a valid token, 413 for a body over the limit, 400 and 415
/// for a body that cannot be read), each with its problem body.
/// </summary>
internal static class ApiDocument
{
    private const string BearerScheme = "Bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemMediaType = "application/problem+json";

    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenApiSettings>()
            .BindConfiguration(OpenApiSettings.Section)
            .PostConfigure<IHostEnvironment>((settings, environment) => settings.Enabled ??= environment.IsDevelopment());
        builder.Services.AddOpenApi(document =>
        {
            document.AddDocumentTransformer((openApi, _, _) =>
            {
                openApi.Components ??= new OpenApiComponents();
                openApi.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                openApi.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The token POST /api/auth (or the GraphQL login mutation) returns.",
                };
                return Task.CompletedTask;
            });
            document.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                var readsJsonBody = context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Body");
                var takesBody = readsJsonBody || HttpMethods.IsPost(context.Description.HttpMethod ?? "") || HttpMethods.IsPut(context.Description.HttpMethod ?? "");
                if (!needsToken && !takesBody)
                {
                    return;
                }

                var problem = await ProblemSchemaAsync(context, cancellationToken);
                if (needsToken)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    AddProblem(operation, StatusCodes.Status401Unauthorized, "No valid bearer token (missing, expired, signed with another key, or revoked).", problem);
                }

                if (takesBody)
                {
                    AddProblem(operation, StatusCodes.Status413PayloadTooLarge,
                        $"The body is larger than the server accepts ({RequestLimits.Section}:{nameof(RequestLimits.MaxBodyBytes)}).", problem);
                }

                if (readsJsonBody)
                {
                    AddProblem(operation, StatusCodes.Status400BadRequest, "The body is not the JSON this endpoint reads, or a field is missing.", problem);
                    AddProblem(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.", problem);
                }
            });
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<OpenApiSettings>>().Value.Enabled == true)
        {
            app.MapOpenApi();
        }

        return app;
    }

    /// <summary>A reference to the problem-details schema, which is added to the document if no endpoint added it yet.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken));
        }

        return new OpenApiSchemaReference(ProblemSchema, document);
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description, IOpenApiSchema problem)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = problem } },
        };
    }
}
