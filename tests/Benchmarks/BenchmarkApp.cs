using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ShopIngest.Modules.Catalog;
using ShopIngest.Modules.Identity;
using ShopIngest.Modules.Sales;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Sync;

namespace ShopIngest.Benchmarks;

/// <summary>
/// The modules wired as the Host wires them (REST and authentication, without the GraphQL endpoint, which the Host
/// owns), driven only through their public surface: a tenant from the create-tenant command, a token from
/// <c>POST /api/auth</c>, syncs from <c>POST /api/ingest/{resource}</c>.
/// </summary>
internal sealed class BenchmarkApp : IAsyncDisposable
{
    private const string Password = "benchmark-password";

    /// <summary>
    /// Encrypts the key ring every app and Host of the benchmark share in its database, so that each reads the Shopify tokens
    /// another stored; a fixed one, as the database may outlive the run (--connection). Not a secret: benchmark data only.
    /// </summary>
    public const string KeyEncryptionKey = "shopingest-benchmarks-key-encryption-key-not-a-secret";

    private readonly WebApplication _app;

    private BenchmarkApp(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    /// <summary>Starts the app; <paramref name="settings"/> go on top of the Host's defaults (<c>Sync:BulkThreshold</c>, say).</summary>
    public static async Task<BenchmarkApp> StartAsync(
        string ownerConnectionString, string shopifyBaseUrlTemplate, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ModuleDatabase.ConnectionName}"] = ownerConnectionString,
            ["Shopify:BaseUrlTemplate"] = shopifyBaseUrlTemplate,
            ["Auth:SigningKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["DataProtection:KeyEncryptionKey"] = KeyEncryptionKey,
            ["Sync:ScheduleEnabled"] = "false",
            ["Identity:LoginRateLimit:PerAddressPerMinute"] = "100000",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIdentityModule();
        builder.AddCatalogModule();
        builder.AddSalesModule();
        builder.AddSyncModule();

        var app = builder.Build();
        await app.Services.MigrateModuleDatabasesAsync();
        app.MapIdentityModule();
        app.MapCatalogModule();
        app.MapSalesModule();
        app.MapSyncModule();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchmarkApp(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) });
    }

    /// <summary>Registers the shop as a tenant and returns a client signed in as its owner.</summary>
    public async Task<(HttpClient Client, Guid TenantId)> SignUpAsync(string shop, string accessToken)
    {
        var email = $"owner@{shop}";
        var exit = await _app.RunIdentityCommandAsync(
            ["create-tenant", "--email", email, "--password", Password, "--shop", shop, "--access-token", accessToken, "--name", shop]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"create-tenant failed for {shop}.");
        }

        using var login = await Http.PostAsJsonAsync("/api/auth", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, body.GetProperty("shopId").GetGuid());
    }

    public static async Task<List<Guid>> StartSyncAsync(HttpClient tenant, params string[] resources)
    {
        var runs = new List<Guid>();
        foreach (var resource in resources)
        {
            using var response = await tenant.PostAsync($"/api/ingest/{resource}", null);
            response.EnsureSuccessStatusCode();
            runs.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid());
        }

        return runs;
    }

    public static async Task<List<JsonElement>> WaitForRunsAsync(HttpClient tenant, IReadOnlyList<Guid> runIds, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var runs = new List<JsonElement>();
            foreach (var id in runIds)
            {
                runs.Add(await tenant.GetFromJsonAsync<JsonElement>($"/api/ingest/runs/{id}", deadline.Token));
            }

            if (runs.All(run => run.GetProperty("status").GetString() != "running"))
            {
                return runs;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
