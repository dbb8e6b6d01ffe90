using System.Globalization;

namespace ShopIngest.ShopifySimulator.Tests.Support;

/// <summary>What a run of requests met, one word a request, so seeded fault sequences compare as lists.</summary>
internal static class FaultOutcomes
{
    /// <returns>The HTTP status when not 200, else "malformed", "denied" (ACCESS_DENIED) or "ok".</returns>
    public static async Task<List<string>> OfAsync(ShopClient shop, string query, int requests)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await shop.PostGraphQLAsync(query);
            var body = await response.Content.ReadAsStringAsync();
            outcomes.Add(response.StatusCode != HttpStatusCode.OK ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
                : !body.EndsWith('}') ? "malformed"
                : body.Contains("ACCESS_DENIED", StringComparison.Ordinal) ? "denied"
                : "ok");
        }

        return outcomes;
    }

    /// <summary>Two shops of one seed given the same faults, and what each met over the same requests.</summary>
    public static async Task<(List<string> First, List<string> Second)> OfTwinShopsAsync(
        SimulatorFixture simulator, int seed, object faults, string query, int requests)
    {
        var first = await simulator.CreateShopAsync(new ShopSpec { Seed = seed });
        var second = await simulator.CreateShopAsync(new ShopSpec { Seed = seed });
        await first.SetFaultsAsync(faults);
        await second.SetFaultsAsync(faults);
        return (await OfAsync(first, query, requests), await OfAsync(second, query, requests));
    }
}
