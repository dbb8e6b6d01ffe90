using System.Net;
using System.Text;
using System.Text.Json;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Security;

/// <summary>
/// A GraphQL request that asks for too much is refused before it runs, with a coded error: too many root fields
/// (aliases count), too many fields, too complex, or a body over the size limit (413, decided before parsing).
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class GraphQLLimitsTests(AppHostFixture fixture)
{
    private const int MegaByte = 1024 * 1024;

    [Fact]
    public async Task Two_thousand_aliased_database_fields_are_refused_with_a_coded_error()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);
        // Two-letter aliases keep the document under the body limit, so that it is the GraphQL limits that answer.
        var letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var aliases = letters.SelectMany(first => letters.Select(second => $"{first}{second}")).Take(2_000);
        var query = "{" + string.Join(' ', aliases.Select(alias => $"{alias}:orders(first:1){{totalCount}}")) + "}";
        Assert.True(Encoding.UTF8.GetByteCount(query) < 64 * 1024);

        using var response = await client.PostGraphQLAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal("QUERY_TOO_COMPLEX", json.ErrorCode());
        Assert.False(json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task More_root_fields_than_allowed_are_refused_even_through_fragments()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);
        var fragmentFields = string.Join(' ', Enumerable.Range(0, 7).Select(i => $"s{i}:stats{{totalOrders}}"));

        using var response = await client.PostGraphQLAsync($"{{ ...F ...G ...H }} fragment F on Query {{ {fragmentFields} }} fragment G on Query {{ ...F }} fragment H on Query {{ ...F }}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("QUERY_TOO_COMPLEX", (await response.ReadJsonAsync()).ErrorCode());
    }

    [Fact]
    public async Task Six_large_pages_in_one_request_are_over_the_complexity_budget_where_one_is_not()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);
        var page = "orders(first:250){ totalCount edges { node { id name lineItems { title quantity } } } }";

        using var one = await client.PostGraphQLAsync($"{{ a:{page} }}");
        using var six = await client.PostGraphQLAsync("{" + string.Concat("abcdef".Select(alias => $" {alias}:{page}")) + " }");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, six.StatusCode);
        Assert.Equal("QUERY_TOO_COMPLEX", (await six.ReadJsonAsync()).ErrorCode());
    }

    [Fact]
    public async Task What_the_dashboard_asks_for_stays_within_the_limits()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);
        const string browseArguments = """
            query BrowseArguments {
              __type(name: "Query") { fields { name args { name defaultValue type { ...TypeRef } } } }
            }
            fragment TypeRef on __Type {
              kind name enumValues { name description }
              ofType { kind name enumValues { name description } ofType { kind name enumValues { name description } } }
            }
            """;
        const string largestPage = """
            { products(first: 250) { totalCount pageInfo { hasNextPage endCursor }
                nodes { id shopifyId title status vendor productType updatedAt variants { sku price inventoryQuantity } } } }
            """;

        foreach (var query in new[] { browseArguments, largestPage })
        {
            using var response = await client.PostGraphQLAsync(query);
            var json = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && json.ErrorCode() is null, $"Refused: {json}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_one_megabyte_body_is_answered_413_with_a_problem_body(bool declaresItsLength)
    {
        using var client = fixture.CreateHostClient();
        var body = JsonSerializer.Serialize(new { query = "{ serverInfo { version " + new string(' ', MegaByte) + "} }" });
        using HttpContent content = declaresItsLength
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new ChunkedContent(Encoding.UTF8.GetBytes(body), "application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };

        // A declared length is refused before the body is sent when the client asks first; without a length the
        // server reads up to its limit.
        request.Headers.ExpectContinue = declaresItsLength;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("REQUEST_TOO_LARGE", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_hundred_thousand_field_document_is_refused_by_its_size()
    {
        using var client = fixture.CreateHostClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = HundredThousandFields() }), Encoding.UTF8, "application/json"),
        };

        // Asking before sending, as a client of large bodies should: the refusal then never races the upload.
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_hundred_thousand_field_document_within_a_larger_body_limit_is_refused_before_validation()
    {
        // The Production Host accepts bodies up to 2 MB: the document reaches the GraphQL limits.
        var host = await fixture.ProductionHostAsync();
        using var client = host.CreateClient();

        using var response = await client.PostGraphQLAsync(HundredThousandFields());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("QUERY_TOO_COMPLEX", (await response.ReadJsonAsync()).ErrorCode());
    }

    /// <summary>The anonymous document of the report: 100,000 times <c>a: __typename</c>, 1.4 MB.</summary>
    private static string HundredThousandFields() => "{" + string.Concat(Enumerable.Repeat(" a: __typename", 100_000)) + " }";

    /// <summary>A body sent without a Content-Length, as a stream whose size the server learns only by reading it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
