using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>
/// A Host process that syncs from the simulator in a Quartz cluster of its own, so the app host's Host never takes its
/// syncs and a Host started again with the same settings recovers the syncs of one that was killed.
/// </summary>
internal static class SyncingHost
{
    /// <summary>Writes of 25 records (paged or from an export) and quick retries: a fault then lands between many commits, and the run recovers soon after.</summary>
    public static readonly IReadOnlyDictionary<string, string?> SmallWrites = new Dictionary<string, string?>
    {
        ["Sync:WriteBatchSize"] = "25",
        ["Sync:BulkWriteBatchSize"] = "25",
        ["Sync:RetryBaseDelay"] = "00:00:00.050",
        ["Sync:MaxRetryDelay"] = "00:00:00.500",
    };

    /// <summary>The settings of such a Host (as environment variables), with <paramref name="sync"/> (<c>Sync:</c> keys and others) on top.</summary>
    public static Dictionary<string, string> Settings(AppHostFixture fixture, string cluster, IReadOnlyDictionary<string, string?>? sync = null)
    {
        var simulator = fixture.App.GetEndpoint("shopify-sim", "http").ToString().TrimEnd('/');
        var settings = (sync ?? new Dictionary<string, string?>()).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        settings["Shopify__BaseUrlTemplate"] = $"{simulator}/shops/{{shop}}";
        settings["Sync__SchedulerName"] = $"{cluster}-{Guid.NewGuid():N}";
        settings.TryAdd("Sync__MaxConcurrentTenants", 2.ToString(CultureInfo.InvariantCulture));
        return settings;
    }

    /// <summary>Asks the Host for a manual sync (<c>syncAll</c>, <c>syncOrders</c>, …) as the tenant; the ids of its runs.</summary>
    public static async Task<List<string>> StartSyncAsync(HostProcess host, SyncTestTenant tenant, string mutation = "syncAll")
    {
        using var client = host.CreateClient(tenant.Tenant.Token);
        using var response = await client.PostGraphQLAsync($"mutation {{ {mutation} {{ id }} }}");
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode && body.ErrorCode() is null, $"{mutation} answered {response.StatusCode}: {body}");
        var runs = body.GetProperty("data").GetProperty(mutation);
        return runs.ValueKind == JsonValueKind.Array
            ? [.. runs.EnumerateArray().Select(run => run.GetProperty("id").GetString()!)]
            : [runs.GetProperty("id").GetString()!];
    }
}
