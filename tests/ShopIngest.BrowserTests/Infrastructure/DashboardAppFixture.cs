using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ShopIngest.TestSupport;

namespace ShopIngest.BrowserTests.Infrastructure;

/// <summary>
/// The real app host as <c>dotnet run --project AppHost</c> starts it (PostgreSQL, the Shopify simulator
/// with its demo shop, the Host), with a throw-away database, started once for the browser tests.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    public const string DemoEmail = "demo@shopingest.local";
    public const string DemoPassword = "shopingest-demo";

    private RunningAppHost? _host;

    public DistributedApplication App => Host.App;

    /// <summary>Where a browser reaches the Host, e.g. http://localhost:41234/.</summary>
    public Uri HostUrl => App.GetEndpoint("host", "http");

    private RunningAppHost Host => _host ?? throw new InvalidOperationException("The app host has not started.");

    public async Task InitializeAsync() =>
        _host = await RunningAppHost.StartAsync<Projects.ShopIngest_AppHost>("shopingest-browser-tests", [], builder =>
        {
            // Every sign-in comes from 127.0.0.1; the tests must not run into the per-address limit themselves.
            RunningAppHost.Project(builder, "host")
                .WithEnvironment("Identity__LoginRateLimit__PerAddressPerMinute", "100000");
            // A smaller demo shop on Shopify Plus's bucket: its first sync takes seconds, where the standard
            // bucket needs half an hour for the 5,000 orders of `dotnet run`'s demo shop.
            RunningAppHost.Project(builder, "shopify-sim")
                .WithEnvironment("Simulator__DemoShop__Products", "40")
                .WithEnvironment("Simulator__DemoShop__Customers", "200")
                .WithEnvironment("Simulator__DemoShop__Orders", "600")
                .WithEnvironment("Simulator__DemoShop__Throttle__MaximumAvailable", "20000")
                .WithEnvironment("Simulator__DemoShop__Throttle__RestoreRate", "1000");
        });

    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = App.CreateHttpClient("host", "http");
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    /// <summary>The <c>data</c> of a GraphQL request; fails the test with the answer when it has errors.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null, string? bearerToken = null)
    {
        using var client = CreateClient(bearerToken);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"GraphQL answered errors to {query.Trim()}: {errors}");
        }

        return body.GetProperty("data");
    }

    public async Task<string> DemoTokenAsync()
    {
        var data = await GraphQLAsync(
            "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
            new { email = DemoEmail, password = DemoPassword });
        return data.GetProperty("login").GetProperty("token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardAppTests : ICollectionFixture<DashboardAppFixture>
{
    public const string Name = "Dashboard app host";
}
