using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Foundation;

/// <summary>
/// /graphql negotiates its answer as the GraphQL-over-HTTP spec says
/// (https://graphql.github.io/graphql-over-http/draft/#sec-Accept): <c>application/json</c> for a client that asks
/// for it, for <c>*/*</c> and for no Accept at all, answered 200 even when the document could not run;
/// <c>application/graphql-response+json</c> for a client that prefers it, answered 400 when the document could not
/// run; 406 with a problem body for a client that accepts neither.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class GraphQLContentNegotiationTests(AppHostFixture fixture)
{
    private const string Json = GraphQLHttp.JsonMediaType;
    private const string GraphQLResponse = GraphQLHttp.GraphQLResponseMediaType;

    /// <summary>An Accept header (null: none sent) and the media type it must be answered with.</summary>
    private static readonly (string? Accept, string MediaType)[] Negotiations =
    [
        (null, Json),
        (Json, Json),
        ("application/json; charset=utf-8", Json),
        ("*/*", Json),
        ("application/*", Json),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", Json),
        (GraphQLResponse, GraphQLResponse),
        ($"{GraphQLResponse}, {Json}", GraphQLResponse),
        ($"{Json}, {GraphQLResponse}", Json),
        ($"{GraphQLResponse};q=0.5, {Json}", Json),
        ($"{Json};q=0.5, {GraphQLResponse}", GraphQLResponse),
        ($"{GraphQLResponse}, {Json};q=0.9", GraphQLResponse),
        ($"{Json};q=0, */*", GraphQLResponse),
        ($"{GraphQLResponse};q=0, application/*", Json),
        ($"text/html, {GraphQLResponse};q=0.1", GraphQLResponse),
    ];

    /// <summary>A document, its variables, and whether it can run.</summary>
    private static readonly (string Kind, string Query, object? Variables, bool Runs)[] Documents =
    [
        ("valid", "{ serverInfo { apiVersion } }", null, true),
        ("unparsable", "{ serverInfo { apiVersion ", null, false),
        ("invalid", "{ serverInfo { noSuchField } }", null, false),
        ("with a variable of the wrong type", "query($show: Boolean!) { serverInfo @include(if: $show) { apiVersion } }", new { show = "yes" }, false),
        ("without a required variable", "query($show: Boolean!) { serverInfo @include(if: $show) { apiVersion } }", new { }, false),
    ];

    public static TheoryData<string?, string, string, int> Cases()
    {
        var cases = new TheoryData<string?, string, string, int>();
        foreach (var (accept, mediaType) in Negotiations)
        {
            foreach (var (kind, _, _, runs) in Documents)
            {
                cases.Add(accept, kind, mediaType, runs || mediaType == Json ? 200 : 400);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_Accept_header_decides_the_media_type_and_a_document_that_cannot_run_is_400_only_for_graphql_response_json(
        string? accept, string document, string mediaType, int status)
    {
        var (_, query, variables, runs) = Documents.Single(d => d.Kind == document);
        using var client = fixture.CreateHostClient();

        using var response = await client.PostGraphQLAsync(query, variables, accept);

        var body = await response.ReadJsonAsync();
        Assert.True((int)response.StatusCode == status, $"Accept '{accept}', a {document} document: {(int)response.StatusCode}, not {status}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("Accept", response.Headers.Vary);
        if (runs)
        {
            Assert.Equal("2025-10", body.GetProperty("data").GetProperty("serverInfo").GetProperty("apiVersion").GetString());
        }
        else
        {
            Assert.False(body.TryGetProperty("data", out _), $"A document that did not run has no data: {body}");
            Assert.All(body.GetProperty("errors").EnumerateArray(), error =>
                Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("code").GetString()), $"An error without a code: {error}"));
        }
    }

    [Theory]
    [InlineData(null, Json)]
    [InlineData("*/*", Json)]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    public async Task A_query_sent_with_GET_is_negotiated_the_same_way(string? accept, string mediaType)
    {
        using var client = fixture.CreateHostClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ serverInfo { noSuchField } }"));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(mediaType == Json ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponse)]
    public async Task A_mutation_sent_with_GET_is_405_whatever_the_media_type(string accept)
    {
        using var client = fixture.CreateHostClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { syncAll { id } }"));
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Json)]
    [InlineData(GraphQLResponse)]
    public async Task A_body_that_is_not_a_GraphQL_request_is_400_whatever_the_media_type(string accept)
    {
        using var client = fixture.CreateHostClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { notAQuery = 1 }) };
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "text/html")]
    [InlineData("POST", "application/xml, text/plain;q=0.5")]
    [InlineData("POST", $"{GraphQLResponse};q=0, {Json};q=0")]
    [InlineData("POST", $"{Json};q=0, {GraphQLResponse};q=0, text/*")]
    [InlineData("GET", "image/png")]
    public async Task A_client_accepting_neither_media_type_gets_406_with_a_problem_body(string method, string accept)
    {
        using var client = fixture.CreateHostClient();
        using var request = method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ serverInfo { apiVersion } }"))
            : new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ serverInfo { apiVersion } }" }) };
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("NOT_ACCEPTABLE", problem.GetProperty("code").GetString());
        Assert.Contains(Json, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("status").ValueKind);
    }
}
