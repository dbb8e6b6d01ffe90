using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
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
    private Task<HostProcess>? _productionHost;

    /// <summary>The tests know the signing key, so they can forge tokens the Host must refuse.</summary>
    public string SigningKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The key that encrypts the Data Protection key ring: the signing key, because the sync engines some tests run in
    /// their own process are given only that, and a host given no key-encryption key derives it from the signing key.
    /// </summary>
    public string KeyEncryptionKey => SigningKey;

    /// <summary>Where the app host's PostgreSQL server keeps its data and its superuser password.</summary>
    public string PostgresDirectory => Host.DataDirectory;

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
            "shopingest-tests", [$"Parameters:auth-signing-key={SigningKey}", $"Parameters:key-encryption-key={KeyEncryptionKey}"],
            // Every test signs in from 127.0.0.1: the per-address limit would otherwise throttle the suite itself. Tests
            // start the syncs they check; the Host's recurring schedule would add runs, requests and load of its own.
            // A revoked token must be refused by the very next request, not half a minute later. Shops signed up by tests are
            // subscribed to webhooks only when a test asks: each subscription costs the shop requests and points of its own.
            builder => RunningAppHost.Project(builder, "host")
                .WithEnvironment("Identity__LoginRateLimit__PerAddressPerMinute", "100000")
                .WithEnvironment("Sync__ScheduleEnabled", "false")
                .WithEnvironment("Webhooks__SubscribeNewShops", "false")
                .WithEnvironment("Auth__SecurityStampCacheDuration", "00:00:00"));

    /// <summary>
    /// A second Host, in Production, against the same database, started on first use and shared by the tests that need
    /// one: it believes <c>X-Forwarded-For</c> from 127.0.0.1 (the tests stand for a proxy), and it accepts bodies up to
    /// 2 MB, so that the GraphQL limits behind the body limit can be reached.
    /// </summary>
    public Task<HostProcess> ProductionHostAsync() => _productionHost ??= HostProcess.StartAsync(this, new Dictionary<string, string>
    {
        ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        ["Requests__MaxBodyBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth__SecurityStampCacheDuration"] = "00:00:00",
    });

    /// <summary>
    /// Restarts the app host's PostgreSQL server as an operator would: a fast shutdown (every session is ended, every
    /// committed write kept), then a start on the same data and port; returns once it accepts connections again. The
    /// test process's own pooled connections died with the server, so they are dropped.
    /// </summary>
    public async Task RestartPostgresAsync()
    {
        const string server = "postgres";
        var postmaster = int.Parse(File.ReadLines(Path.Combine(PostgresDirectory, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        using (var signal = System.Diagnostics.Process.Start("kill", ["-INT", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await App.ResourceNotifications.WaitForResourceAsync(server, [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token);
        var started = await App.ResourceCommands.ExecuteCommandAsync(server, KnownResourceCommands.StartCommand, timeout.Token);
        if (!started.Success)
        {
            throw new InvalidOperationException($"PostgreSQL did not start again: {started.Message}");
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync(server, timeout.Token);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>What a resource has logged so far (its console and its structured logs).</summary>
    public Task<IReadOnlyList<string>> ResourceLogAsync(string resourceName) => Host.ResourceLogAsync(resourceName);

    public async Task DisposeAsync()
    {
        if (_productionHost is { IsCompletedSuccessfully: true })
        {
            await (await _productionHost).DisposeAsync();
        }

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
