using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The real app host, started once per test collection: a local PostgreSQL server in a throw-away
/// data directory, and the Host in front of it.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The tests know the signing key, so they can forge tokens the Host must refuse.</summary>
    public string SigningKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"shopingest-tests-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app host has not started.");

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

    public async Task InitializeAsync()
    {
        PostgresPrerequisite.EnsureServerBinariesInstalled();

        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ShopIngest_AppHost>(
            ["Postgres:Mode=local", $"Postgres:DataDirectory={_dataDirectory}", $"Parameters:auth-signing-key={SigningKey}"],
            cancellation.Token);
        // Every test signs in from 127.0.0.1: the per-address limit would otherwise throttle the suite itself. Tests start
        // the syncs they check; the Host's recurring schedule would add runs, requests and load of its own.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "host"))
            .WithEnvironment("Identity__LoginRateLimit__PerAddressPerMinute", "100000")
            .WithEnvironment("Sync__ScheduleEnabled", "false");
        _app = await builder.BuildAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        await _app.StartAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        try
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync("host", cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        }
        catch (Exception exception) when (exception is DistributedApplicationException or TimeoutException or OperationCanceledException)
        {
            var logs = new List<string>();
            foreach (var resource in new[] { "postgres", "shopify-sim", "host" })
            {
                var state = App.ResourceNotifications.TryGetCurrentState(resource, out var current)
                    ? $"{current.Snapshot.State?.Text} exit code {current.Snapshot.ExitCode} {string.Join(", ", current.Snapshot.Properties.Select(p => $"{p.Name}={p.Value}"))}"
                    : "unknown";
                logs.Add($"--- {resource}: {state} ---");
                logs.AddRange(await ResourceLogAsync(resource));
            }

            throw new InvalidOperationException($"The Host did not become healthy.{Environment.NewLine}{string.Join(Environment.NewLine, logs)}", exception);
        }
    }

    /// <summary>What a resource has logged so far (its console and its structured logs).</summary>
    public async Task<IReadOnlyList<string>> ResourceLogAsync(string resourceName)
    {
        var loggerService = App.Services.GetRequiredService<ResourceLoggerService>();
        // By resource, not by name: the orchestrator logs each running instance under its own id.
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
            // The log stream never ends by itself: what arrived in the quiet period is the backlog so far.
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
public sealed class AppHostTests : ICollectionFixture<AppHostFixture>
{
    public const string Name = "App host";
}
