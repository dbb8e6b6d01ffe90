using Aspire.Hosting;
using Aspire.Hosting.Testing;
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

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"shopingest-tests-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app host has not started.");

    public HttpClient CreateHostClient() => App.CreateHttpClient("host");

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connectionString = await App.GetConnectionStringAsync("shopingest")
            ?? throw new InvalidOperationException("The app host gave no connection string for shopingest.");
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        PostgresPrerequisite.EnsureServerBinariesInstalled();

        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ShopIngest_AppHost>(
            ["Postgres:Mode=local", $"Postgres:DataDirectory={_dataDirectory}"],
            cancellation.Token);
        _app = await builder.BuildAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        await _app.StartAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("host", cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
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
