using System.Text.Json.Nodes;

namespace ShopIngest.IntegrationTests.Sync;

/// <summary>The hand-written answers of tests/ShopifyFixtures, for tests that put them in front of the simulator.</summary>
internal static class ShopifyFixtureText
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ShopifyFixtures", name));

    /// <summary>The documented MAX_COST_EXCEEDED answer, for a query that requested <paramref name="requestedCost"/> points.</summary>
    public static string MaxCostExceeded(int requestedCost)
    {
        var answer = JsonNode.Parse(Read("answers/200-max-cost-exceeded.json"))!;
        answer["errors"]![0]!["extensions"]!["cost"] = requestedCost;
        answer["extensions"]!["cost"]!["requestedQueryCost"] = requestedCost;
        return answer.ToJsonString();
    }
}
