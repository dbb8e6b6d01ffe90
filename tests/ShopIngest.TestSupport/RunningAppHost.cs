using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShopIngest.TestSupport;

/// <summary>
/// The real app host, as a test collection starts it: a local PostgreSQL server in a throw-away data directory, the
/// Shopify simulator and the Host; stopped with its data directory removed.
/// </summary>
public sealed class RunningAppHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private readonly string _dataDirectory;

    private RunningAppHost(DistributedApplication app, string dataDirectory)
    {
        App = app;
        _dataDirectory = dataDirectory;
    }

    public DistributedApplication App { get; }

    /// <summary>Where the local PostgreSQL server keeps its data and its generated superuser password.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// Starts <typeparamref name="TAppHost"/> with <paramref name="arguments"/> and the changes <paramref name="configure"/>
    /// makes to its resources, and waits until the Host is healthy; when it is not, fails with what the resources logged.
    /// </summary>
    public static async Task<RunningAppHost> StartAsync<TAppHost>(
        string dataDirectoryPrefix, IEnumerable<string> arguments, Action<IDistributedApplicationTestingBuilder> configure)
        where TAppHost : class
    {
        PostgresPrerequisite.EnsureServerBinariesInstalled();

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"{dataDirectoryPrefix}-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>(
            ["Postgres:Mode=local", $"Postgres:DataDirectory={dataDirectory}", .. arguments], cancellation.Token);
        configure(builder);
        var host = new RunningAppHost(await builder.BuildAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token), dataDirectory);
        try
        {
            await host.App.StartAsync(cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
            await host.App.ResourceNotifications.WaitForResourceHealthyAsync("host", cancellation.Token).WaitAsync(StartTimeout, cancellation.Token);
            return host;
        }
        catch (Exception exception) when (exception is DistributedApplicationException or TimeoutException or OperationCanceledException)
        {
            var logs = await host.StateAndLogsAsync("postgres", "shopify-sim", "host");
            try
            {
                await host.DisposeAsync();
            }
            catch (Exception cleanup) when (cleanup is DistributedApplicationException or TimeoutException or OperationCanceledException or IOException)
            {
                logs.Add($"--- stopping the app host failed too: {cleanup.Message} ---");
            }

            throw new InvalidOperationException($"The Host did not become healthy.{Environment.NewLine}{string.Join(Environment.NewLine, logs)}", exception);
        }
    }

    /// <summary>The app host's project resource of that name, to change how the test starts it.</summary>
    public static IResourceBuilder<ProjectResource> Project(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name));

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

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().WaitAsync(StopTimeout);
        await App.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task<List<string>> StateAndLogsAsync(params string[] resourceNames)
    {
        var logs = new List<string>();
        foreach (var name in resourceNames)
        {
            var state = App.ResourceNotifications.TryGetCurrentState(name, out var current)
                ? $"{current.Snapshot.State?.Text} exit code {current.Snapshot.ExitCode} {string.Join(", ", current.Snapshot.Properties.Select(p => $"{p.Name}={p.Value}"))}"
                : "unknown";
            logs.Add($"--- {name}: {state} ---");
            logs.AddRange(await ResourceLogAsync(name));
        }

        return logs;
    }
}
