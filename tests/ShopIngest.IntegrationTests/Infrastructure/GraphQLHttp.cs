using System.Net.Http.Json;
using System.Text.Json;

namespace ShopIngest.IntegrationTests.Infrastructure;

internal static class GraphQLHttp
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";

    public const string JsonMediaType = "application/json";

    /// <summary>What the dashboard sends: the media type whose status code says whether a document could run, JSON else.</summary>
    public const string DashboardAccept = $"{GraphQLResponseMediaType}, {JsonMediaType}";

    /// <summary>POSTs the query with <paramref name="accept"/> as the Accept header, sent as written (none when null).</summary>
    public static async Task<HttpResponseMessage> PostGraphQLAsync(this HttpClient client, string query, object? variables = null, string? accept = DashboardAccept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        return document.RootElement.Clone();
    }
}
