using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace ShopIngest.ShopifySimulator.Tests.Support;

/// <summary>Runs bulk operations against a shop as a client does: start, poll, download the JSONL.</summary>
internal static class BulkOperations
{
    public const string OperationFields =
        "id status errorCode createdAt completedAt objectCount rootObjectCount fileSize url partialDataUrl query type";

    public const string ProductsWithVariants =
        "{ products { edges { node { id title handle variants { edges { node { id sku price } } } } } } }";

    // The export runs on its own task: after the clock moves it needs a moment of real time to catch up.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Long enough on the fake clock for any test shop's export at the default 1,000 objects a second.</summary>
    private static readonly TimeSpan ExportTime = TimeSpan.FromSeconds(30);

    private static readonly string[] Ended = ["COMPLETED", "FAILED", "CANCELED", "EXPIRED"];

    /// <summary>Asks for a bulk query and returns the payload: <c>bulkOperation</c> and <c>userErrors</c>.</summary>
    public static async Task<JsonElement> RunBulkQueryAsync(this ShopClient shop, string query, bool? groupObjects = null)
    {
        var (declaration, grouping) = groupObjects is null ? ("", "") : (", $group: Boolean!", ", groupObjects: $group");
        var mutation = $$"""
            mutation Run($query: String!{{declaration}}) {
              bulkOperationRunQuery(query: $query{{grouping}}) {
                bulkOperation { {{OperationFields}} }
                userErrors { field message code }
              }
            }
            """;
        return (await shop.DataAsync(mutation, new { query, group = groupObjects ?? true })).GetProperty("bulkOperationRunQuery");
    }

    /// <summary>Starts a bulk query that must be accepted and returns the operation's id.</summary>
    public static async Task<string> StartBulkQueryAsync(this ShopClient shop, string query, bool? groupObjects = null)
    {
        var payload = await shop.RunBulkQueryAsync(query, groupObjects);
        Assert.True(payload.GetProperty("userErrors").GetArrayLength() == 0, $"the bulk query should have been accepted: {payload}");
        return payload.GetProperty("bulkOperation").Id();
    }

    public static async Task<JsonElement> BulkOperationAsync(this ShopClient shop, string id) =>
        (await shop.DataAsync($"query B($id: ID!) {{ node(id: $id) {{ ... on BulkOperation {{ {OperationFields} }} }} }}", new { id }))
            .GetProperty("node");

    public static async Task<JsonElement> CancelBulkAsync(this ShopClient shop, string id) =>
        (await shop.DataAsync(
            $"mutation C($id: ID!) {{ bulkOperationCancel(id: $id) {{ bulkOperation {{ {OperationFields} }} userErrors {{ field message }} }} }}",
            new { id }))
            .GetProperty("bulkOperationCancel");

    /// <summary>Polls the operation until <paramref name="condition"/> holds; fails naming <paramref name="awaited"/>.</summary>
    public static async Task<JsonElement> WaitForBulkAsync(this ShopClient shop, string id, Func<JsonElement, bool> condition, string awaited)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var operation = await shop.BulkOperationAsync(id);
            if (condition(operation))
            {
                return operation;
            }

            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience.TotalSeconds} s for {awaited}; the operation stayed {operation}");
            await Task.Delay(10);
        }
    }

    /// <summary>Moves the clock on until the export has had time to end, and returns the ended operation.</summary>
    public static Task<JsonElement> FinishBulkAsync(this ShopClient shop, string id, FakeTimeProvider clock)
    {
        clock.Advance(ExportTime);
        return shop.WaitForBulkAsync(id, operation => Ended.Contains(operation.Status()), "the bulk operation to end");
    }

    /// <summary>Runs a bulk query to its end and returns the operation.</summary>
    public static async Task<JsonElement> ExportAsync(this ShopClient shop, FakeTimeProvider clock, string query, bool? groupObjects = null) =>
        await shop.FinishBulkAsync(await shop.StartBulkQueryAsync(query, groupObjects), clock);

    /// <summary>Fetches a result URL that must answer 200 and returns its lines, each parsed.</summary>
    public static async Task<List<JsonElement>> DownloadLinesAsync(this ShopClient shop, string url)
    {
        using var response = await shop.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body}");
        Assert.True(body.Length == 0 || body.EndsWith('\n'), "every JSONL line, the last one too, should end with a newline");
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public static string? Status(this JsonElement operation) => operation.GetProperty("status").GetString();

    /// <summary>An UnsignedInt64 field, which travels as a string.</summary>
    public static long Count(this JsonElement operation, string field) =>
        long.Parse(operation.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    public static string? ParentId(this JsonElement line) =>
        line.TryGetProperty("__parentId", out var parent) ? parent.GetString() : null;
}
