using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Measurement;

/// <summary>
/// One-off figures for the issue (<c>dotnet run -c Release --project tests/ShopifySimulator -- --measure</c>):
/// generation time and memory for 100k and 1M orders, and the time to serve a page of 250 orders
/// over HTTP. Kept out of the tests on purpose: timings depend on the machine.
/// </summary>
internal static class PerformanceProbe
{
    private const string PageQuery = """
        query Page($after: String) {
          orders(first: 250, after: $after, sortKey: UPDATED_AT) {
            edges { cursor node { id name createdAt updatedAt displayFinancialStatus totalPriceSet { shopMoney { amount currencyCode } } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public static async Task RunAsync(TextWriter output)
    {
        foreach (var orders in new[] { 100_000, 1_000_000 })
        {
            var definition = Definition($"probe-{orders}.myshopify.com", orders);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var stopwatch = Stopwatch.StartNew();
            var data = ShopGenerator.Generate(definition, DateTimeOffset.UtcNow);
            stopwatch.Stop();
            var after = GC.GetTotalMemory(forceFullCollection: true);
            await output.WriteLineAsync(
                $"{orders,9:N0} orders ({definition.Customers:N0} customers, {definition.Products:N0} products): " +
                $"generated in {stopwatch.Elapsed.TotalSeconds:F2} s, {(after - before) / 1024.0 / 1024.0:F0} MiB held");
            GC.KeepAlive(data);
        }

        await MeasurePagesAsync(output);
    }

    private static async Task MeasurePagesAsync(TextWriter output)
    {
        await using var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var definition = Definition("probe-serving.myshopify.com", 1_000_000);
        definition.Throttle = new ThrottleSettings { Enabled = false };
        (await http.PostAsJsonAsync("/_sim/shops", definition)).EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", definition.AccessToken);

        var timings = new List<double>();
        string? after = null;
        for (var page = 0; page < 41; page++)
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await http.PostAsJsonAsync("/shops/probe-serving.myshopify.com/admin/api/2025-10/graphql.json", new { query = PageQuery, variables = new { after } });
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            stopwatch.Stop();
            after = body.GetProperty("data").GetProperty("orders").GetProperty("pageInfo").GetProperty("endCursor").GetString();

            // The first request also builds the UPDATED_AT index and warms the JIT: reported apart.
            if (page == 0)
            {
                await output.WriteLineAsync($"first page of 250 orders (builds the sort index): {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
            }
            else
            {
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        await output.WriteLineAsync(
            $"page of 250 orders from a 1,000,000-order shop over HTTP: median {timings[timings.Count / 2]:F1} ms, " +
            $"max {timings[^1]:F1} ms over {timings.Count} pages");
        await app.StopAsync();
    }

    private static ShopDefinition Definition(string shop, int orders) => new()
    {
        Shop = shop,
        AccessToken = "probe-token",
        Seed = 7,
        Orders = orders,
        Customers = orders / 10,
        Products = Math.Max(50, orders / 200),
    };
}
