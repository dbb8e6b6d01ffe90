using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShopIngest.IntegrationTests.Infrastructure;

internal static class GraphQLHttp
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";

    public static async Task<HttpResponseMessage> PostGraphQLAsync(this HttpClient client, string query, object? variables = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
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
