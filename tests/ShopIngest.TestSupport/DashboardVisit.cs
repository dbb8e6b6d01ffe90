using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ShopIngest.TestSupport;

/// <summary>One question the dashboard asked, what went wrong with its answer (null when nothing did), and how long it took.</summary>
public sealed record DashboardAnswer(string Question, string? Failure, TimeSpan Took);

/// <summary>
/// What the merchant's dashboard asks /graphql as it is used: totals, the sales chart, the best customers, orders page by
/// page. Shared by the load test and the benchmark's <c>dashboard-load</c> mode (which compiles this file in).
/// </summary>
public static class DashboardVisit
{
    public static readonly string[] Questions = ["stats", "salesByDate", "topCustomers", "orders", "orders, next page"];

    private const string Stats = """
        query($from: Date, $to: Date) { stats(from: $from, to: $to) { totalRevenue grossRevenue totalOrders averageOrderValue totalCustomers currency } }
        """;

    private const string SalesByDate = """
        query($from: Date!, $to: Date!) { salesByDate(from: $from, to: $to, interval: DAY) { date orders revenue } }
        """;

    private const string TopCustomers = "{ topCustomers(first: 5) { shopifyId name email amountSpent numberOfOrders } }";

    private const string Orders = """
        query($after: String) {
          orders(first: 50, after: $after, sort: PROCESSED_AT, reverse: true) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { id shopifyId name processedAt displayFinancialStatus currentTotalPrice currencyCode customer { name email } } } } }
        """;

    /// <summary>Asks each of <see cref="Questions"/> once, in turn, as the dashboard page does when it loads and pages.</summary>
    public static async Task<List<DashboardAnswer>> AskAllAsync(HttpClient client)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var answers = new List<DashboardAnswer>
        {
            (await AskAsync(client, "stats", Stats, new { from = Day(today.AddDays(-29)), to = Day(today) })).Answer,
            (await AskAsync(client, "salesByDate", SalesByDate, new { from = Day(today.AddDays(-89)), to = Day(today) })).Answer,
            (await AskAsync(client, "topCustomers", TopCustomers, null)).Answer,
        };
        var (firstPage, orders) = await AskAsync(client, "orders", Orders, new { after = (string?)null });
        answers.Add(firstPage);
        var pageInfo = orders?.GetProperty("orders").GetProperty("pageInfo");
        var after = pageInfo?.GetProperty("hasNextPage").GetBoolean() == true ? pageInfo.Value.GetProperty("endCursor").GetString() : null;
        answers.Add((await AskAsync(client, "orders, next page", Orders, new { after })).Answer);
        return answers;
    }

    private static async Task<(DashboardAnswer Answer, JsonElement? Data)> AskAsync(HttpClient client, string question, string query, object? variables)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.ParseAdd("application/graphql-response+json, application/json");
            using var response = await client.SendAsync(request);
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            var body = document.RootElement.Clone();
            var took = Stopwatch.GetElapsedTime(started);
            return body.TryGetProperty("errors", out var errors) || !response.IsSuccessStatusCode
                ? (new DashboardAnswer(question, $"HTTP {(int)response.StatusCode}: {(errors.ValueKind == JsonValueKind.Undefined ? body : errors)}", took), null)
                : (new DashboardAnswer(question, null, took), body.GetProperty("data"));
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (new DashboardAnswer(question, failure.Message, Stopwatch.GetElapsedTime(started)), null);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
