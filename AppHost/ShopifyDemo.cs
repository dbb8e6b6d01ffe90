using Microsoft.Extensions.Configuration;

namespace ShopIngest.AppHost;

/// <summary>
/// Unless real Shopify settings are given (<c>Shopify:BaseUrlTemplate</c>), the Host talks to the Shopify
/// simulator, which serves a demo shop; a demo tenant and user for that shop exist at start-up.
/// </summary>
internal static class ShopifyDemo
{
    public const string Shop = "demo.myshopify.com";
    public const string AccessToken = "shpat_demo_simulator_token";
    public const string Email = "demo@shopingest.local";
    public const string Password = "shopingest-demo";

    /// <summary>What the simulator signs the demo shop's webhooks with, as a custom app's API secret would be.</summary>
    public const string WebhookSecret = "shpss_demo_simulator_webhook_secret";

    public static bool UsesRealShopify(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Shopify:BaseUrlTemplate"]);

    public static IResourceBuilder<ProjectResource> AddShopifySimulator(this IDistributedApplicationBuilder builder) =>
        builder.AddProject<Projects.ShopifySimulator>("shopify-sim")
            .WithEnvironment("Simulator__DemoShop__Shop", Shop)
            .WithEnvironment("Simulator__DemoShop__AccessToken", AccessToken)
            // A Shopify Plus bucket, so the demo's first sync takes seconds rather than half an hour.
            .WithEnvironment("Simulator__DemoShop__Throttle__MaximumAvailable", "20000")
            .WithEnvironment("Simulator__DemoShop__Throttle__RestoreRate", "1000")
            .WithEnvironment("Simulator__DemoShop__WebhookSecret", WebhookSecret)
            .WithHttpHealthCheck("/_sim/health");

    /// <summary>
    /// Points the Host at the simulator, has it create the demo tenant, and has it subscribe shops to webhooks at its own
    /// address (plain http, which the simulator delivers to on loopback).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithShopifySimulator(this IResourceBuilder<ProjectResource> host, IResourceBuilder<ProjectResource> simulator) =>
        host.WithEnvironment(context =>
            {
                // Built when the Host starts, once the endpoints have their addresses; "{shop}" stays literal.
                context.EnvironmentVariables["Shopify__BaseUrlTemplate"] = $"{simulator.GetEndpoint("http").Url}/shops/{{shop}}";
                context.EnvironmentVariables["Webhooks__PublicBaseUrl"] = host.GetEndpoint("http").Url;
            })
            .WithEnvironment("Webhooks__AllowHttp", "true")
            .WithEnvironment("Demo__WebhookSecret", WebhookSecret)
            .WithEnvironment("Shopify__AllowAnyShopHost", "true")
            .WithEnvironment("Demo__Email", Email)
            .WithEnvironment("Demo__Password", Password)
            .WithEnvironment("Demo__Shop", Shop)
            .WithEnvironment("Demo__AccessToken", AccessToken)
            .WaitFor(simulator);
}
