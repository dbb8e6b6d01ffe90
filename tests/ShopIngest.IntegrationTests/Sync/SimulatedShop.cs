using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>A record as Shopify holds it: its numeric id and when it last changed (whole seconds).</summary>
internal readonly record struct RecordVersion(long Id, DateTimeOffset UpdatedAt);

/// <summary>One shop of the simulator, made for one test, driven through its <c>/_sim</c> control endpoints.</summary>
internal sealed class SimulatedShop(HttpClient simulator, string domain, string accessToken)
{
    public static readonly string[] Resources = ["products", "customers", "orders"];

    public string Domain { get; } = domain;

    public string AccessToken { get; } = accessToken;

    public string Currency { get; private set; } = "";

    public string TimeZone { get; private set; } = "";

    /// <summary>What the shop's webhooks are signed with.</summary>
    public string WebhookSecret { get; private set; } = "";

    /// <summary>
    /// A new shop; without a <paramref name="bucket"/> (maximum points, restored per second) its throttle is off, and it
    /// reports a bucket too large to hold back a client that keeps several queries in flight.
    /// </summary>
    public static async Task<SimulatedShop> CreateAsync(
        AppHostFixture fixture, int products, int customers, int orders, (double Maximum, double RestoreRate)? bucket = null,
        string currency = "EUR", string timezone = "Europe/Berlin", IReadOnlyList<string>? scopes = null, int searchIndexLagSeconds = 0)
    {
        var simulator = fixture.App.CreateHttpClient("shopify-sim");
        var domain = $"sync-{Guid.NewGuid():N}"[..20] + ".myshopify.com";
        var token = $"shpat_{Guid.NewGuid():N}";
        using var response = await simulator.PostAsJsonAsync("/_sim/shops", new
        {
            shop = domain,
            accessToken = token,
            seed = 7,
            products,
            customers,
            orders,
            currency,
            timezone,
            scopes = scopes ?? ["read_products", "read_customers", "read_orders", "read_all_orders"],
            searchIndexLagSeconds,
            throttle = bucket is var (maximum, restoreRate)
                ? new { maximumAvailable = maximum, restoreRate, enabled = true }
                : new { maximumAvailable = 1_000_000.0, restoreRate = 1_000_000.0, enabled = false },
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new SimulatedShop(simulator, domain, token)
        {
            Currency = currency,
            TimeZone = timezone,
            WebhookSecret = created.GetProperty("webhookSecret").GetString()!,
        };
    }

    public async Task ChangeAsync(object changes)
    {
        using var response = await simulator.PostAsJsonAsync($"/_sim/shops/{Domain}/changes", changes);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetFaultsAsync(object? faults)
    {
        using var response = await simulator.PutAsJsonAsync($"/_sim/shops/{Domain}/faults", faults ?? new { });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Changes the shop's settings: <c>searchIndexLagSeconds</c>, <c>bulkExportObjectsPerSecond</c>, <c>bulkResultUrlTtlSeconds</c>.</summary>
    public async Task SetSettingsAsync(object settings)
    {
        using var response = await simulator.PutAsJsonAsync($"/_sim/shops/{Domain}/settings", settings);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The shop's counters: requests, points spent, THROTTLED answers, queries refused for cost, faults injected.</summary>
    public async Task<JsonElement> StatsAsync() =>
        (await simulator.GetFromJsonAsync<JsonElement>($"/_sim/shops/{Domain}/stats")).GetProperty("stats");

    public async Task<long> RequestsAsync() => (await StatsAsync()).GetProperty("requests").GetInt64();

    /// <summary>A query of the shop's Admin API, as the app's token; the whole answer.</summary>
    public async Task<JsonElement> AdminQueryAsync(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/shops/{Domain}/admin/api/2025-10/graphql.json")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Add("X-Shopify-Access-Token", AccessToken);
        using var response = await simulator.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The app's webhook subscriptions on the shop: each topic with its address.</summary>
    public async Task<List<(string Topic, string Uri)>> WebhookSubscriptionsAsync()
    {
        var json = await AdminQueryAsync("{ webhookSubscriptions(first: 250) { nodes { topic uri } } }");
        return [.. json.GetProperty("data").GetProperty("webhookSubscriptions").GetProperty("nodes").EnumerateArray()
            .Select(node => (node.GetProperty("topic").GetString()!, node.GetProperty("uri").GetString()!))];
    }

    /// <summary>Every live record of a resource, read through the Admin API itself, in id order.</summary>
    public async Task<List<RecordVersion>> RecordsAsync(string resource)
    {
        var records = new List<RecordVersion>();
        string? after = null;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/shops/{Domain}/admin/api/2025-10/graphql.json")
            {
                Content = JsonContent.Create(new
                {
                    query = $"query($after: String) {{ {resource}(first: 250, after: $after, sortKey: ID) {{ nodes {{ id updatedAt }} pageInfo {{ hasNextPage endCursor }} }} }}",
                    variables = new { after },
                }),
            };
            request.Headers.Add("X-Shopify-Access-Token", AccessToken);
            using var response = await simulator.SendAsync(request);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var connection = json.GetProperty("data").GetProperty(resource);
            records.AddRange(connection.GetProperty("nodes").EnumerateArray().Select(node => new RecordVersion(
                long.Parse(node.GetProperty("id").GetString()!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture),
                node.GetProperty("updatedAt").GetDateTimeOffset())));
            if (!connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                return records;
            }

            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
    }
}
