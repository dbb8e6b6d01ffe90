using GraphQL;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Tenancy;
using GraphQL.Execution;

namespace ShopIngest.Host.GraphQL;

internal static class GraphQLRegistration
{
    public static WebApplicationBuilder AddGraphQLEndpoint(this WebApplicationBuilder builder)
    {
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
            // Abusive queries are refused before they run: deep nesting, or huge fan-out through `first`.
            .AddComplexityAnalyzer(complexity =>
            {
                complexity.MaxDepth = 15;
                complexity.MaxComplexity = 250_000;
            })
            // Fields of one query share the request's scoped services (a DbContext is not thread-safe).
            .AddExecutionStrategy<SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query));
        builder.Services.AddSingleton<QueryType>();
        builder.Services.AddSingleton<MutationType>();
        builder.Services.AddSingleton<ServerInfoType>();
        return builder;
    }
}
