using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ShopIngest.Benchmarks;

/// <summary>The Shopify simulator as a child process (its memory is its own), and its control endpoints.</summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public string BaseUrlTemplate => $"{Http.BaseAddress!.ToString().TrimEnd('/')}/shops/{{shop}}";

    public static async Task<SimulatorProcess> StartAsync()
    {
        var dll = FindSimulator();
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! }
            .WithArguments([dll, "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning"]);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var simulator = new SimulatorProcess(process, new Uri($"http://127.0.0.1:{port}"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var health = await simulator.Http.GetAsync("/_sim/health");
                if (health.IsSuccessStatusCode)
                {
                    return simulator;
                }
            }
            catch (HttpRequestException) when (attempt < 100)
            {
            }

            await Task.Delay(200);
        }
    }

    public async Task CreateShopAsync(string shop, string token, int products, int customers, int orders, bool throttled)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/shops", new
        {
            shop,
            accessToken = token,
            seed = 42,
            products,
            customers,
            orders,
            currency = "EUR",
            timezone = "Europe/Berlin",
            // Throttle off: nothing refused, and a bucket reported too large to hold back queries sent side by side.
            throttle = throttled
                ? new { maximumAvailable = 2000.0, restoreRate = 100.0, enabled = true }
                : new { maximumAvailable = 1_000_000.0, restoreRate = 1_000_000.0, enabled = false },
        });
        response.EnsureSuccessStatusCode();
    }

    public async Task<ShopStats> StatsAsync(string shop)
    {
        var json = await Http.GetFromJsonAsync<JsonElement>($"/_sim/shops/{shop}/stats");
        var stats = json.GetProperty("stats");
        return new ShopStats(stats.GetProperty("requests").GetInt64(), stats.GetProperty("pointsSpent").GetInt64(), stats.GetProperty("throttled").GetInt64(),
            stats.GetProperty("bulkOperations").GetInt64(), stats.GetProperty("bulkObjectsExported").GetInt64());
    }

    /// <summary>How many objects (JSONL lines) a second the shop's bulk exports write; the simulator's default is 1,000.</summary>
    public async Task SetBulkExportRateAsync(string shop, int objectsPerSecond)
    {
        using var response = await Http.PutAsJsonAsync($"/_sim/shops/{shop}/settings", new { bulkExportObjectsPerSecond = objectsPerSecond });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static readonly string[] Configurations = ["Release", "Debug"];

    private static string FindSimulator()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ShopIngest.sln")))
        {
            directory = directory.Parent;
        }

        // The build of the benchmark's own configuration first (dotnet run built it alongside), else the newest.
        var ownConfiguration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name;
        var candidates = Configurations
            .Select(configuration => (Configuration: configuration, Path: Path.Combine(directory?.FullName ?? ".", "tests", "ShopifySimulator", "bin", configuration, "net10.0", "ShopIngest.ShopifySimulator.dll")))
            .Where(candidate => File.Exists(candidate.Path))
            .OrderByDescending(candidate => candidate.Configuration == ownConfiguration)
            .ThenByDescending(candidate => File.GetLastWriteTimeUtc(candidate.Path))
            .Select(candidate => candidate.Path)
            .ToList();
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException("Build tests/ShopifySimulator first (the benchmark builds it when run with dotnet run).");
    }
}

internal sealed record ShopStats(long Requests, long PointsSpent, long Throttled, long BulkOperations, long BulkObjectsExported);
