using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.Execution;
using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.Control;
using ShopIngest.ShopifySimulator.Cost;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.Shops;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator;

/// <summary>Builds the simulator: used by Program and by tests that host it in-process.</summary>
public static class SimulatorApp
{
    /// <param name="args">Command-line arguments, e.g. <c>--urls http://127.0.0.1:0</c>.</param>
    /// <param name="clock">The simulator's clock (throttle refills, change timestamps); the system clock when null.</param>
    public static WebApplication Build(string[] args, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name,
        });
        builder.Services.AddShopifySimulator(clock ?? TimeProvider.System);

        var app = builder.Build();
        app.MapSimulatorControl();
        app.MapPost(AdminApiEndpoint.Route, (HttpContext http, string shopDomain, string version, AdminApiEndpoint endpoint) =>
            endpoint.HandleAsync(http, shopDomain, version));
        return app;
    }

    private static IServiceCollection AddShopifySimulator(this IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(new SimulatorClock(clock));
        services.AddSingleton<ShopRegistry>();
        services.AddSingleton<QueryCostCalculator>();
        services.AddSingleton<ValidatedDocuments>();
        services.AddSingleton<AdminApiEndpoint>();
        services.AddSingleton<BulkResultFiles>();
        services.AddSingleton<BulkOperationRunner>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<DemoShopSeeder>();
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<ShopifyAdminSchema>()
            .AddGraphTypes(typeof(SimulatorApp).Assembly)
            // Plain apostrophes and plus signs in strings, as Shopify writes them, instead of \u0027 and \u002B.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<ShopifyErrorInfoProvider>()
            // Every resolver answers from memory at once: running a query's fields one after another spares the
            // bookkeeping of running them side by side, which would cost the simulator more than the answers.
            .AddExecutionStrategy<SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query));
        return services;
    }
}
