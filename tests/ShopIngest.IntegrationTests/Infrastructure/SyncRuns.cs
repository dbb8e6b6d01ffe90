using System.Text.Json;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>Watching sync runs through the Host's GraphQL API, as the dashboard does.</summary>
internal static class SyncRuns
{
    public const string Fields = "id resource trigger status requestedAt startedAt finishedAt pages recordsFetched recordsUpserted recordsDeleted apiPointsSpent throttleWaitMs throttledResponses retries error";

    /// <summary>Polls syncRuns until every run named has finished (bounded: a stuck run fails the test).</summary>
    public static async Task<List<JsonElement>> WaitAsync(HttpClient client, List<string> runIds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            using var response = await client.PostGraphQLAsync($"{{ syncRuns(first: 50) {{ nodes {{ {Fields} }} }} }}");
            var json = await response.ReadJsonAsync();
            var runs = json.GetProperty("data").GetProperty("syncRuns").GetProperty("nodes").EnumerateArray()
                .Where(run => runIds.Contains(run.GetProperty("id").GetString()!))
                .ToList();
            if (runs.Count == runIds.Count && runs.All(run => run.GetProperty("status").GetString() != "running"))
            {
                return runs;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }
}
