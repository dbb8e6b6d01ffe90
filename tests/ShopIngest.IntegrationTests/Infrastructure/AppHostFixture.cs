using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using ShopIngest.TestSupport;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The real app host, started once per test collection: a local PostgreSQL server in a throw-away
/// data directory, and the Host in front of it.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private RunningAppHost? _host;

    /// <summary>The tests know the signing key, so they can forge tokens the Host must refuse.</summary>
    public string SigningKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public DistributedApplication App => Host.App;

    private RunningAppHost Host => _host ?? throw new InvalidOperationException("The app host has not started.");

    public HttpClient CreateHostClient(string? bearerToken = null)
    {
        var client = App.CreateHttpClient("host");
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    /// <summary>The owner's connection string (migrations, test set-up); the app itself runs as another role.</summary>
    public async Task<string> OwnerConnectionStringAsync() =>
        await App.GetConnectionStringAsync("shopingest")
            ?? throw new InvalidOperationException("The app host gave no connection string for shopingest.");

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await OwnerConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync() =>
        _host = await RunningAppHost.StartAsync<Projects.ShopIngest_AppHost>(
            "shopingest-tests", [$"Parameters:auth-signing-key={SigningKey}"],
            // Every test signs in from 127.0.0.1: the per-address limit would otherwise throttle the suite itself. Tests
            // start the syncs they check; the Host's recurring schedule would add runs, requests and load of its own.
            builder => RunningAppHost.Project(builder, "host")
                .WithEnvironment("Identity__LoginRateLimit__PerAddressPerMinute", "100000")
                .WithEnvironment("Sync__ScheduleEnabled", "false"));

    /// <summary>What a resource has logged so far (its console and its structured logs).</summary>
    public Task<IReadOnlyList<string>> ResourceLogAsync(string resourceName) => Host.ResourceLogAsync(resourceName);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostTests : ICollectionFixture<AppHostFixture>
{
    public const string Name = "App host";
}
