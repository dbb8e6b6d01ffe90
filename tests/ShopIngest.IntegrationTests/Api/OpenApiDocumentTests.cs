using System.Text.Json;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Api;

/// <summary>What a client generated from <c>/openapi/v1.json</c> learns: how to authenticate, and every answer it must handle.</summary>
[Collection(AppHostTests.Name)]
public sealed class OpenApiDocumentTests(AppHostFixture fixture)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Every_protected_endpoint_declares_the_bearer_scheme_and_its_401()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var operations = Operations(document).ToList();
        Assert.NotEmpty(operations);
        // Signing in cannot need a token, and Shopify signs its webhook deliveries instead of sending one.
        foreach (var (name, operation) in operations.Where(o => o.Name is not ("POST /api/auth" or "POST /webhooks/shopify")))
        {
            Assert.True(operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _)),
                $"{name} does not say it needs a bearer token.");
            AssertProblem(name, operation, "401");
        }

        var login = operations.Single(o => o.Name == "POST /api/auth").Operation;
        Assert.False(login.TryGetProperty("security", out var loginSecurity) && loginSecurity.GetArrayLength() > 0, "Signing in cannot need a token.");
        var webhooks = operations.Single(o => o.Name == "POST /webhooks/shopify").Operation;
        Assert.False(webhooks.TryGetProperty("security", out var webhookSecurity) && webhookSecurity.GetArrayLength() > 0, "Shopify sends no token with a webhook.");
    }

    [Fact]
    public async Task Each_endpoint_declares_the_refusals_it_can_give_with_problem_bodies()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToDictionary(o => o.Name, o => o.Operation);

        foreach (var status in new[] { "400", "401", "413", "415", "429" })
        {
            AssertProblem("POST /api/auth", operations["POST /api/auth"], status);
        }

        foreach (var path in new[] { "/api/dashboard/stats", "/api/dashboard/chart", "/api/dashboard/top-customers" })
        {
            AssertProblem($"GET {path}", operations[$"GET {path}"], "400");
            AssertProblem($"GET {path}", operations[$"GET {path}"], "403");
        }

        // A webhook delivery is refused unsigned (401), unreadable (400), too large (413) or not declared JSON (415).
        foreach (var status in new[] { "400", "401", "413", "415" })
        {
            AssertProblem("POST /webhooks/shopify", operations["POST /webhooks/shopify"], status);
        }

        // Every body is subject to the size limit; every endpoint that takes a legacy shopId may refuse it.
        AssertProblem("POST /api/ingest/{resource}", operations["POST /api/ingest/{resource}"], "413");
        AssertProblem("POST /api/ingest/{resource}", operations["POST /api/ingest/{resource}"], "403");
        AssertProblem("GET /api/ingest/runs/{runId}", operations["GET /api/ingest/runs/{runId}"], "403");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = fixture.CreateHostClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    private static void AssertProblem(string name, JsonElement operation, string status)
    {
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var response), $"{name} does not declare {status}.");
        Assert.True(response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var problem)
            && problem.GetProperty("schema").TryGetProperty("$ref", out var reference) && reference.GetString()!.EndsWith("/ProblemDetails", StringComparison.Ordinal),
            $"{name} declares {status} without a problem-details body: {response}");
    }
}
