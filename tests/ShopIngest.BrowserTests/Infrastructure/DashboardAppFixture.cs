using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShopIngest.BrowserTests.Infrastructure;

/// <summary>
/// The real app host as <c>dotnet run --project AppHost</c> starts it (PostgreSQL, the Shopify simulator
/// with its demo shop, the Host), with a throw-away database, started once for the browser tests.
/// </summary>
public sealed class DashboardAppFixture : IAsyncLifetime
{
    public const string DemoEmail = "demo@shopingest.local";
    public const string DemoPassword = "shopingest-demo";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"shopingest-browser-tests-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app host has not started.");

    /// <summary>Where a browser reaches the Host, e.g. http://localhost:41234/.</summary>
    public Uri HostUrl => App.GetEndpoint("host", "http");

    public async Task InitializeAsync()
    {
        PostgresPrerequisite.EnsureServerBinariesInstalled();

        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ShopIngest_AppHost>(
            ["Postgres:Mode=local", $"Postgres:DataDirectory={_dataDirectory}"], cancellation.Token);
        // Every sign-in comes from 127.0.0.1; the tests must not run into the per-address limit themselves.
        builder.CreateResourceBuilder(Project(builder, "host"))
            .WithEnvironment("Identity__LoginRateLimit__PerAddressPerMinute", "100000");
        // A smaller demo shop on Shopify Plus's bucket: its first sync takes seconds, where the standard
        // bucket needs half an hour for the 5,000 orders of `dotnet run`'s demo shop.
        builder.CreateResourceBuilder(Project(builder, "shopify-sim"))
            .WithEnvironment("Simulator__DemoShop__Products", "40")
            .WithEnvironment("Simulator__DemoShop__Customers", "200")
            .WithEnvironment("Simulator__DemoShop__Orders", "600")
            .WithEnvironment("Simulator__DemoShop__Throttle__MaximumAvailable", "20000")
            .WithEnvironment("Simulator__DemoShop__Throttle__RestoreRate", "1000");
        _app = await builder.BuildAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        await _app.StartAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        try
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync("host", cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        }
        catch (Exception exception) when (exception is DistributedApplicationException or TimeoutException or OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The Host did not become healthy.{Environment.NewLine}{string.Join(Environment.NewLine, await ResourceLogAsync("host"))}", exception);
        }
    }

    private static ProjectResource Project(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name);

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

    /// <summary>What a resource has logged so far.</summary>
    public async Task<IReadOnlyList<string>> ResourceLogAsync(string resourceName)
    {
        var loggerService = App.Services.GetRequiredService<ResourceLoggerService>();
        var resource = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        var lines = new List<string>();
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var batch in loggerService.WatchAsync(resource).WithCancellation(quiet.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
            // The log stream never ends by itself: what arrived in the quiet period is the backlog.
        }

        return lines;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(StopTimeout);
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardAppTests : ICollectionFixture<DashboardAppFixture>
{
    public const string Name = "Dashboard app host";
}
