using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>
/// The Host built next to these tests, run as its own process against the app host's database, in Production unless
/// told otherwise: how an operator runs it, with settings the app host does not give.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private bool _disposed;

    private HostProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
    }

    public Uri Address { get; }

    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(1) };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    /// <summary>Starts the Host with <paramref name="settings"/> over the defaults and waits until it is healthy.</summary>
    public static async Task<HostProcess> StartAsync(AppHostFixture fixture, IReadOnlyDictionary<string, string> settings)
    {
        var host = await LaunchAsync(fixture, settings);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>
    /// Starts the Host with <paramref name="settings"/> over the defaults and returns at once: its background work (the
    /// syncs it resumes) begins before it answers, so a test that kills it may do so while it is still starting.
    /// </summary>
    public static async Task<HostProcess> LaunchAsync(AppHostFixture fixture, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        return Launch(await EnvironmentAsync(fixture, settings), port, "--urls", $"http://127.0.0.1:{port}");
    }

    /// <summary>Whether the process has ended (crashed, or could not start).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the Host configured as the seed service is: its database only from <c>DATABASE_URL</c>, where it listens only
    /// from <c>PORT</c> (no connection string, no <c>--urls</c>).
    /// </summary>
    public static async Task<HostProcess> StartFromDatabaseUrlAndPortAsync(AppHostFixture fixture, string databaseUrl)
    {
        var port = FreePort();
        var environment = await EnvironmentAsync(fixture, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        environment.Remove("ConnectionStrings__shopingest");
        var host = Launch(environment, port);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    private static HostProcess Launch(Dictionary<string, string> environment, int port, params string[] arguments)
    {
        var output = new ConcurrentQueue<string>();
        var process = Start(environment, output, arguments);
        return new HostProcess(process, output, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until the Host answers its health check; one that exits or takes too long is stopped, with its log in the error.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited || waited.Elapsed > StartTimeout)
            {
                var log = Output;
                await DisposeAsync();
                throw new InvalidOperationException($"The Host process did not become healthy.{Environment.NewLine}{log}");
            }

            try
            {
                using var health = await probe.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Runs the Host with <paramref name="settings"/> and <paramref name="arguments"/> until it exits by itself.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(
        AppHostFixture fixture, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(await EnvironmentAsync(fixture, settings), arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private static async Task<Dictionary<string, string>> EnvironmentAsync(AppHostFixture fixture, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__shopingest"] = await fixture.OwnerConnectionStringAsync(),
            ["Auth__SigningKey"] = fixture.SigningKey,
            ["DataProtection__KeyEncryptionKey"] = fixture.KeyEncryptionKey,
            ["Shopify__BaseUrlTemplate"] = "https://{shop}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Sync__ScheduleEnabled"] = "false",
            ["Identity__LoginRateLimit__PerAddressPerMinute"] = "100000",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static ProcessStartInfo StartInfo(Dictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [AssemblyPath(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath()),
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static Process Start(Dictionary<string, string> environment, ConcurrentQueue<string> output, params string[] arguments)
    {
        var process = Process.Start(StartInfo(environment, arguments))!;
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>The Host built next to these tests: same configuration, sibling folder of the repository.</summary>
    private static string AssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var repository = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "Host", "bin", configuration, framework, "ShopIngest.Host.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
