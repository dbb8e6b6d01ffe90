
namespace ShopIngest.ShopifySimulator.Tests.Support;

/// <summary>Talks to one simulated shop as a Shopify client would, plus its /_sim control endpoints.</summary>
public sealed class ShopClient(HttpClient http, string domain, string accessToken)
{
    public string Domain { get; } = domain;

    public string AccessToken { get; } = accessToken;

    public string GraphQLPath => $"/shops/{Domain}/admin/api/2025-10/graphql.json";

    public Task<HttpResponseMessage> PostGraphQLAsync(string query, object? variables = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GraphQLPath) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add("X-Shopify-Access-Token", token ?? AccessToken);
        return http.SendAsync(request);
    }

    /// <summary>Runs a query and returns the whole response document (data, errors, extensions).</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var response = await PostGraphQLAsync(query, variables);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Runs a query that must succeed and returns its data.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var response = await QueryAsync(query, variables);
        Assert.False(response.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        return response.GetProperty("data");
    }

    /// <summary>
    /// Pages through a connection to its end and returns every node in the order served.
    /// <paramref name="arguments"/> are extra connection arguments such as <c>sortKey: UPDATED_AT</c>.
    /// </summary>
    public async Task<List<JsonElement>> WalkAsync(
        string connection, string nodeFields, string arguments = "", int pageSize = 25, bool backwards = false,
        Func<int, Task>? afterPage = null)
    {
        var (sizeArgument, cursorArgument, hasMore, cursorField) = backwards
            ? ("last", "before", "hasPreviousPage", "startCursor")
            : ("first", "after", "hasNextPage", "endCursor");
        var query = $$"""
            query Walk($cursor: String) {
              {{connection}}({{sizeArgument}}: {{pageSize}}, {{cursorArgument}}: $cursor {{(arguments.Length > 0 ? ", " + arguments : "")}}) {
                edges { cursor node { {{nodeFields}} } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
            }
            """;
        var pages = new List<List<JsonElement>>();
        string? cursor = null;
        while (true)
        {
            var page = (await DataAsync(query, new { cursor })).GetProperty(connection);
            var nodes = page.GetProperty("edges").EnumerateArray().Select(edge => edge.GetProperty("node").Clone()).ToList();
            pages.Add(nodes);
            if (afterPage is not null)
            {
                await afterPage(pages.Count);
            }

            var pageInfo = page.GetProperty("pageInfo");
            if (!pageInfo.GetProperty(hasMore).GetBoolean())
            {
                break;
            }

            cursor = pageInfo.GetProperty(cursorField).GetString();
        }

        // A backwards walk meets the pages last to first; each page is already in list order.
        if (backwards)
        {
            pages.Reverse();
        }

        return [.. pages.SelectMany(page => page)];
    }

    public async Task<JsonElement> ChangeAsync(object changes)
    {
        using var response = await http.PostAsJsonAsync($"/_sim/shops/{Domain}/changes", changes);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await http.PutAsJsonAsync($"/_sim/shops/{Domain}/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetScopesAsync(params string[] scopes)
    {
        using var response = await http.PutAsJsonAsync($"/_sim/shops/{Domain}/scopes", new { scopes });
        response.EnsureSuccessStatusCode();
    }

    public Task SetSearchIndexLagAsync(int seconds) => ChangeSettingsAsync(new { searchIndexLagSeconds = seconds });

    /// <summary><c>PUT /_sim/shops/{shop}/settings</c> with the settings to change; fails unless it is accepted.</summary>
    public async Task ChangeSettingsAsync(object settings)
    {
        using var response = await http.PutAsJsonAsync($"/_sim/shops/{Domain}/settings", settings);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>POST /_sim/shops/{shop}/{action}</c>, such as <c>privacy</c> or <c>uninstall</c>.</summary>
    public Task<HttpResponseMessage> PostControlAsync(string action, object? body = null) =>
        http.PostAsJsonAsync($"/_sim/shops/{Domain}/{action}", body ?? new { });

    /// <summary>A plain GET without the access token, as a client fetches a bulk operation's signed result URL.</summary>
    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(new Uri(url));

    public Task<JsonElement> StatsAsync() => http.GetFromJsonAsync<JsonElement>($"/_sim/shops/{Domain}/stats");

    public Task<JsonElement> TruthAsync() => http.GetFromJsonAsync<JsonElement>($"/_sim/shops/{Domain}/truth");
}

internal static class JsonExtensions
{
    public static string Id(this JsonElement node) => node.GetProperty("id").GetString()!;

    /// <summary>The response's only error, failing with the whole response when there is not exactly one.</summary>
    public static JsonElement SingleError(this JsonElement response)
    {
        Assert.True(
            response.TryGetProperty("errors", out var errors) && errors.GetArrayLength() == 1,
            $"Expected exactly one error in {response}");
        return errors[0];
    }

    public static JsonElement Cost(this JsonElement response) => response.GetProperty("extensions").GetProperty("cost");

    public static int Available(this JsonElement response) =>
        response.Cost().GetProperty("throttleStatus").GetProperty("currentlyAvailable").GetInt32();

    public static decimal Amount(this JsonElement moneyBag) =>
        decimal.Parse(moneyBag.GetProperty("shopMoney").GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(this JsonElement node, string field) =>
        DateTimeOffset.Parse(node.GetProperty(field).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
