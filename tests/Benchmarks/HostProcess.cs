using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ShopIngest.Benchmarks;

/// <summary>
/// The real Host, started from its build output as a separate process, serving /graphql: what it measures is the Host
/// alone, its memory included.
/// </summary>
internal sealed class HostProcess(Process process, HttpClient http) : IAsyncDisposable
{
    public int ProcessId => process.Id;

    public Uri Address => http.BaseAddress!;

    /// <summary>Its working set now, from /proc (VmRSS).</summary>
    public long WorkingSetBytes => StatusBytes("VmRSS:");

    /// <summary>The highest its working set has been since it started, from /proc (VmHWM).</summary>
    public long PeakWorkingSetBytes => StatusBytes("VmHWM:");

    /// <summary>Starts the Host; <paramref name="environment"/> holds settings on top of its defaults, as environment variables (<c>Sync__BulkThreshold</c>).</summary>
    public static async Task<HostProcess> StartAsync(string ownerConnectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        // tests/Benchmarks/bin/<configuration>/<framework>/ → Host/bin/<configuration>/<framework>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var repository = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var hostDll = Path.Combine(repository, "Host", "bin", output.Parent.Name, output.Name, "ShopIngest.Host.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", $"http://127.0.0.1:{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__shopingest"] = ownerConnectionString;
        start.Environment["Auth__SigningKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        start.Environment["DataProtection__KeyEncryptionKey"] = BenchmarkApp.KeyEncryptionKey;
        start.Environment["Identity__AllowSignUp"] = "true";
        start.Environment["Identity__LoginRateLimit__PerAddressPerMinute"] = "100000";
        start.Environment["Sync__ScheduleEnabled"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"host: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return new HostProcess(process, http);
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited)
            {
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Registers the shop (with the Admin API token the Host syncs it with) and returns a client signed in as its owner.</summary>
    public async Task<(Guid TenantId, HttpClient Client)> SignUpAsync(string shop, string accessToken = "unused")
    {
        const string signUp = """
            mutation($email: String!, $shop: String!, $accessToken: String!) {
              signUp(email: $email, password: "benchmark-password", shop: $shop, accessToken: $accessToken) { token shop { id } }
            }
            """;
        using var response = await http.PostAsJsonAsync("/graphql", new { query = signUp, variables = new { email = $"owner@{shop}", shop, accessToken } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var payload = body.GetProperty("data").GetProperty("signUp");
        var client = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", payload.GetProperty("token").GetString());
        return (payload.GetProperty("shop").GetProperty("id").GetGuid(), client);
    }

    /// <summary>Asks /graphql as <paramref name="client"/>: the answer's data, or an exception carrying its errors.</summary>
    public static async Task<JsonElement> GraphQLAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"{query} failed: {body}");
        }

        return body.GetProperty("data");
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private long StatusBytes(string field)
    {
        // "VmHWM:    123456 kB"
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
