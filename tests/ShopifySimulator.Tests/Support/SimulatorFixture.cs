using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ShopIngest.ShopifySimulator.Tests.Support;

/// <summary>
/// One simulator per test class, hosted in-process on a free loopback port and reached over real
/// HTTP. Its clock is fake: throttle refills happen when a test advances it, never by sleeping.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private static readonly JsonSerializerOptions OmitNulls = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static int _shopNumber;
    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], Clock);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Creates a shop with a name no other test uses. Throttling is off unless the spec turns it on.</summary>
    public async Task<ShopClient> CreateShopAsync(ShopSpec? spec = null)
    {
        spec ??= new ShopSpec();
        var domain = $"shop-{Interlocked.Increment(ref _shopNumber)}-{Guid.NewGuid():N}.myshopify.com";
        var body = new
        {
            shop = domain,
            accessToken = "token-" + domain,
            seed = spec.Seed,
            products = spec.Products,
            customers = spec.Customers,
            orders = spec.Orders,
            currency = spec.Currency,
            timezone = spec.Timezone,
            referenceDate = spec.ReferenceDate,
            throttle = spec.Throttle ?? new { maximumAvailable = 2000, restoreRate = 100, enabled = false },
            scopes = spec.Scopes,
            searchIndexLagSeconds = spec.SearchIndexLagSeconds,
            bulkExportObjectsPerSecond = spec.BulkExportObjectsPerSecond,
            bulkResultUrlTtlSeconds = spec.BulkResultUrlTtlSeconds,
            webhookSecret = spec.WebhookSecret,
        };

        // A null leaves the simulator's default, as an absent field does.
        var response = await Http.PostAsJsonAsync("/_sim/shops", body, OmitNulls);
        response.EnsureSuccessStatusCode();
        return new ShopClient(Http, domain, "token-" + domain);
    }
}

public sealed record ShopSpec
{
    public int Seed { get; init; } = 12345;
    public int Products { get; init; } = 30;
    public int Customers { get; init; } = 40;
    public int Orders { get; init; } = 120;
    public string Currency { get; init; } = "USD";
    public string Timezone { get; init; } = "America/New_York";
    public DateTimeOffset? ReferenceDate { get; init; } = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An anonymous { maximumAvailable, restoreRate, enabled } object; null means throttling off.</summary>
    public object? Throttle { get; init; }

    /// <summary>Access-scope handles of the token; null leaves the simulator's default (all four read scopes).</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    public int SearchIndexLagSeconds { get; init; }

    /// <summary>Null leaves the simulator's default (1,000 objects a second).</summary>
    public int? BulkExportObjectsPerSecond { get; init; }

    /// <summary>Null leaves the simulator's default (7 days).</summary>
    public int? BulkResultUrlTtlSeconds { get; init; }

    /// <summary>Null leaves the simulator's default, derived from the domain.</summary>
    public string? WebhookSecret { get; init; }
}
