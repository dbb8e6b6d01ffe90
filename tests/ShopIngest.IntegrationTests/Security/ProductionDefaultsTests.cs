using System.Net;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Security;

/// <summary>
/// The app host runs the Host in Production against real Shopify; in Production sign-up, anonymous introspection, the
/// OpenAPI document and exception details are off, HTTPS is enforced when configured, and missing or malformed
/// security settings stop the Host before it serves.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class ProductionDefaultsTests(AppHostFixture fixture)
{
    /// <remarks>
    /// Every other test runs the demo simulator, whose Host is not in Production: sign-up, which they all use, is
    /// offered in Development only.
    /// </remarks>
    [Fact]
    public async Task The_app_host_runs_the_Host_in_Production_against_real_Shopify_with_a_key_encryption_key()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ShopIngest_AppHost>(
            ["Postgres:Mode=external", "ConnectionStrings:shopingest=Host=localhost;Database=shopingest;Username=u;Password=p", "Shopify:BaseUrlTemplate=https://{shop}"]);
        var host = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "host");

        // As the manifest would have them: no resource needs to run for that.
        var configuration = await ExecutionConfigurationBuilder.Create(host).WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, CancellationToken.None);
        var variables = configuration.EnvironmentVariables.ToDictionary();

        Assert.Equal("Production", variables.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"));
        Assert.True(variables.ContainsKey("DataProtection__KeyEncryptionKey"), "The app host gives the Host no key-encryption key.");
    }

    [Fact]
    public async Task Sign_up_is_closed()
    {
        var host = await fixture.ProductionHostAsync();
        using var client = host.CreateClient();

        using var response = await client.PostGraphQLAsync(TestTenants.SignUpMutation,
            new { email = $"x{Guid.NewGuid():N}@example.test", password = "long-enough-password", shop = $"x{Guid.NewGuid():N}.myshopify.com", accessToken = "t" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", (await response.ReadJsonAsync()).ErrorCode());
    }

    [Fact]
    public async Task Introspection_is_refused_to_anonymous_callers_and_answered_to_signed_in_ones()
    {
        var tenant = await fixture.SignUpAsync();
        var host = await fixture.ProductionHostAsync();
        using var anonymous = host.CreateClient();
        using var signedIn = host.CreateClient(tenant.Token);

        using var refused = await anonymous.PostGraphQLAsync("{ __schema { queryType { name } } }");
        using var typeRefused = await anonymous.PostGraphQLAsync("{ __type(name: \"Query\") { name } }");
        using var typename = await anonymous.PostGraphQLAsync("{ __typename }");
        using var answered = await signedIn.PostGraphQLAsync("{ __type(name: \"Query\") { fields { name } } }");

        Assert.Equal("INTROSPECTION_DISABLED", (await refused.ReadJsonAsync()).ErrorCode());
        Assert.Equal("INTROSPECTION_DISABLED", (await typeRefused.ReadJsonAsync()).ErrorCode());
        Assert.Equal("Query", (await typename.ReadJsonAsync()).GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.NotEqual(0, (await answered.ReadJsonAsync()).GetProperty("data").GetProperty("__type").GetProperty("fields").GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_is_not_served()
    {
        var host = await fixture.ProductionHostAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Errors_carry_no_exception_details()
    {
        var tenant = await fixture.SignUpAsync();
        var host = await fixture.ProductionHostAsync();
        using var client = host.CreateClient(tenant.Token);
        using var badJson = new StringContent("{ \"email\": ", Encoding.UTF8, "application/json");

        using var rest = await client.PostAsync("/api/auth", badJson);
        using var graphQL = await client.PostGraphQLAsync("{ orders(after: \"not-a-cursor\") { totalCount } }");

        var restBody = await rest.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, rest.StatusCode);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", restBody, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", restBody, StringComparison.Ordinal);
        var error = (await graphQL.ReadJsonAsync()).GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(error.GetProperty("extensions").TryGetProperty("details", out _), $"An error carries exception details: {error}");
    }

    [Fact]
    public async Task Behind_TLS_plain_HTTP_is_redirected_and_HTTPS_answers_carry_HSTS()
    {
        await using var host = await HostProcess.StartAsync(fixture, new Dictionary<string, string>
        {
            ["Https__Enforce"] = "true",
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address };

        using var plain = await SendAsync(client, "/graphql?query=%7B__typename%7D", forwardedProto: null);
        using var overTls = await SendAsync(client, "/graphql?query=%7B__typename%7D", forwardedProto: "https");
        using var probe = await SendAsync(client, "/health", forwardedProto: null);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://shop.example.test/graphql?query=%7B__typename%7D", plain.Headers.Location?.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, overTls.StatusCode);
        Assert.StartsWith("max-age=", overTls.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "DataProtection__KeyEncryptionKey", "", "DataProtection:KeyEncryptionKey is required" },
        { "DataProtection__KeyEncryptionKey", "too-short", "DataProtection:KeyEncryptionKey must be at least 32 bytes" },
        { "ForwardedHeaders__KnownProxies__0", "not-an-address", "ForwardedHeaders:KnownProxies: 'not-an-address' is not an IP address" },
        { "ForwardedHeaders__KnownNetworks__0", "10.0.0.0/99", "ForwardedHeaders:KnownNetworks: '10.0.0.0/99'" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_Host_refuses_to_start_with_a_missing_or_malformed_security_setting(string name, string value, string message)
    {
        var (exitCode, output, errors) = await HostProcess.RunToExitAsync(fixture, new Dictionary<string, string> { [name] = value },
            "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output + errors, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        // HSTS is never sent to localhost; a real host name is what a browser would use.
        request.Headers.Host = "shop.example.test";
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client.SendAsync(request);
    }
}
