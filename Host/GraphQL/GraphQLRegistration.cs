using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Host.GraphQL;

internal static class GraphQLRegistration
{
    public static WebApplicationBuilder AddGraphQLEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLSettings>()
            .BindConfiguration(GraphQLSettings.Section)
            .PostConfigure<IHostEnvironment>((settings, environment) =>
                settings.Introspection ??= environment.IsDevelopment() ? IntrospectionAccess.Anyone : IntrospectionAccess.SignedIn)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<ShopIngestSchema>()
            .AddSystemTextJson()
            .AddErrorInfoProvider(options => options.ExposeExceptionDetails = builder.Environment.IsDevelopment())
            .AddUnhandledExceptionHandler(context =>
            {
                context.Exception = context.OriginalException switch
                {
                    TenantRequiredException missing => ErrorCodes.Error(ErrorCodes.NotAuthenticated, missing.Message),
                    // Services validate what they are asked (a range, a cursor): their refusal is the client's error.
                    ArgumentException invalid => ErrorCodes.Error(ErrorCodes.BadUserInput,
                        invalid.ParamName is null ? invalid.Message : invalid.Message.Replace($" (Parameter '{invalid.ParamName}')", "", StringComparison.Ordinal)),
                    _ => context.Exception,
                };
            })
            // Abusive queries are refused before they run: deep nesting, huge fan-out through `first`, many database queries.
            .AddComplexityAnalyzer((complexity, services) =>
            {
                var settings = services.GetRequiredService<IOptions<GraphQLSettings>>().Value;
                complexity.MaxDepth = settings.MaxDepth;
                complexity.MaxComplexity = settings.MaxComplexity;
                var defaults = complexity.DefaultComplexityImpactDelegate;
                complexity.DefaultComplexityImpactDelegate = field =>
                {
                    var byDefault = defaults(field);
                    return new FieldComplexityResult(Cost(field) ?? byDefault.FieldImpact, byDefault.ChildImpactMultiplier);
                };
            })
            .AddValidationRule<IntrospectionAccessRule>()
            .UseMiddleware<NulArgumentsMiddleware>()
            // Fields of one query share the request's scoped services (a DbContext is not thread-safe).
            .AddExecutionStrategy<SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query));
        builder.Services.AddSingleton<QueryType>();
        builder.Services.AddSingleton<MutationType>();
        builder.Services.AddSingleton<ServerInfoType>();
        return builder;
    }

    /// <summary>What a field declared it costs; a root field that declared nothing is taken to query the database.</summary>
    private static double? Cost(FieldImpactContext field)
    {
        if (FieldCosts.Of(field.FieldDefinition) is { } declared)
        {
            return declared;
        }

        var schema = field.ValidationContext.Schema;
        var atRoot = field.ParentType == schema.Query || field.ParentType == schema.Mutation;
        return atRoot && !field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) ? FieldCosts.DatabaseQuery : null;
    }
}
