using System.Net;
using System.Text;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Foundation;

[Collection(AppHostTests.Name)]
public sealed class FoundationTests(AppHostFixture fixture)
{
    [Fact]
    public async Task The_host_reports_healthy_once_its_database_answers()
    {
        using var client = fixture.CreateHostClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_host_reports_alive()
    {
        using var client = fixture.CreateHostClient();

        using var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ServerInfo_answers_with_the_version_and_the_Shopify_API_version()
    {
        using var client = fixture.CreateHostClient();

        using var response = await client.PostGraphQLAsync("{ serverInfo { version apiVersion } }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLHttp.GraphQLResponseMediaType, response.Content.Headers.ContentType?.MediaType);
        var serverInfo = (await response.ReadJsonAsync()).GetProperty("data").GetProperty("serverInfo");
        Assert.Matches(@"^\d+\.\d+\.\d+", serverInfo.GetProperty("version").GetString());
        Assert.Equal("2025-10", serverInfo.GetProperty("apiVersion").GetString());
    }

    [Fact]
    public async Task A_query_can_be_sent_with_GET()
    {
        using var client = fixture.CreateHostClient();

        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ serverInfo { apiVersion } }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal("2025-10", json.GetProperty("data").GetProperty("serverInfo").GetProperty("apiVersion").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_gets_400_with_errors()
    {
        using var client = fixture.CreateHostClient();
        using var content = new StringContent("{ not json", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/graphql", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(0, (await response.ReadJsonAsync()).GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task A_POST_that_is_not_JSON_gets_415()
    {
        using var client = fixture.CreateHostClient();
        using var content = new StringContent("{ serverInfo { version } }", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync("/graphql", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Introspection_is_on()
    {
        using var client = fixture.CreateHostClient();

        using var response = await client.PostGraphQLAsync("{ __schema { queryType { name } } }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queryType = (await response.ReadJsonAsync()).GetProperty("data").GetProperty("__schema").GetProperty("queryType");
        Assert.Equal("Query", queryType.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_module_has_its_own_schema_with_its_own_migrations_history()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT table_schema FROM information_schema.tables
            WHERE table_name = '__ef_migrations_history' ORDER BY table_schema
            """;

        var schemas = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schemas.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["catalog", "identity", "sales", "sync"], schemas);
    }

    [Fact]
    public async Task Tables_and_columns_use_snake_case()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM information_schema.columns
            WHERE table_schema IN ('identity', 'catalog', 'sales', 'sync') AND column_name <> lower(column_name)
            """;

        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_query_nested_too_deeply_is_refused_before_it_runs()
    {
        using var client = fixture.CreateHostClient();
        const int ofTypeLevels = 16;
        var deep = "{ __schema { types { fields { type { " + string.Concat(Enumerable.Repeat("ofType { ", ofTypeLevels)) + "name"
            + string.Concat(Enumerable.Repeat(" }", ofTypeLevels + 5));

        using var response = await client.PostGraphQLAsync(deep);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.ReadJsonAsync()).GetProperty("errors")[0];
        Assert.Contains("depth", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("code").GetString()));
    }
}
