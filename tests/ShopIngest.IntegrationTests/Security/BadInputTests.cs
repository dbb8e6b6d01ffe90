using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.GraphQL;
using Xunit.Abstractions;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Security;

/// <summary>
/// Malformed and hostile requests at <c>/graphql</c> and <c>/api/*</c>: every one is answered with a 4xx or with
/// GraphQL errors that all carry a code, never with a 5xx, and none changes the shop's data.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class BadInputTests(AppHostFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] HostileStrings =
    [
        "' OR '1'='1", "'; DROP TABLE sales.orders; --", "\" OR 1=1 --", "%' AND pg_sleep(1) --", "\\'; SELECT current_setting('app.tenant_id'); --",
        "名前🛒\u202Eevil", "\u0000", "\uFFFF\uFFFE", "𝕊𝕙𝕠𝕡", "Ω≈ç√∫", new string('x', 10_000), "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x}",
    ];

    private static readonly HashSet<string> ClientErrorCodes =
    [
        ErrorCodes.BadUserInput, ErrorCodes.NotAuthenticated, ErrorCodes.InvalidCredentials, ErrorCodes.RateLimited, ErrorCodes.NotFound,
        ErrorCodes.Conflict, ErrorCodes.Forbidden, ErrorCodes.QueryTooComplex, ErrorCodes.RequestTooLarge, ErrorCodes.IntrospectionDisabled,
    ];

    private static readonly string[] BadDays = ["0001-01-01", "9999-12-31", "2025-02-30", "2025-13-01", "25-01-01", "2025/01/01", "", "yesterday", "2025-01-01T00:00:00Z", "-2025-01-01"];

    private static readonly string[] BadCursors = ["", "garbage", "AAAA", "eyJ0ZW5hbnQiOiIwMDAwIn0=", "\u0000", new string('A', 5_000), "' OR 1=1 --"];

    private static readonly string[] BadIds = ["", "not-a-guid", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "../runs", "%00", "1e309"];

    private TestTenant _shop = null!;
    private ModuleServices _modules = null!;

    public async Task InitializeAsync()
    {
        _modules = await ModuleServices.CreateAsync(fixture);
        _shop = await fixture.SignUpAsync();
        await _modules.IngestAsync(_shop.Id, async transaction =>
        {
            await _modules.Get<ICustomerIngest>().UpsertAsync(transaction, [Customer(1, amountSpent: 120m, numberOfOrders: 2)]);
            await _modules.Get<IOrderIngest>().UpsertAsync(transaction, [Order(1, customerId: 1, lineItems: [LineItem(11)]), Order(2, customerId: 1)], "UTC");
            return await _modules.Get<IProductIngest>().UpsertAsync(transaction, [Product(1, variants: [Variant(101)])]);
        });
    }

    public async Task DisposeAsync() => await _modules.DisposeAsync();

    [Fact]
    public async Task Bad_input_gets_only_client_errors_or_coded_GraphQL_errors_and_changes_nothing()
    {
        var before = await ShopFingerprintAsync();
        var inputs = Inputs().ToList();
        var wrong = new List<string>();

        foreach (var input in inputs)
        {
            using var client = fixture.CreateHostClient(input.SignedIn ? _shop.Token : null);
            using var request = input.Request();
            // The media type whose status code says whether a document ran, which the verdict relies on.
            request.Headers.Accept.ParseAdd(GraphQLHttp.GraphQLResponseMediaType);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (Verdict(input, response.StatusCode, body) is { } problem)
            {
                wrong.Add($"{input.Name}: {problem} ({(int)response.StatusCode}) {Shorten(body)}");
            }
        }

        output.WriteLine($"{inputs.Count} bad inputs tried against /graphql and /api/*; {wrong.Count} answered wrongly.");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(before, await ShopFingerprintAsync());
        using var stillSignedIn = fixture.CreateHostClient(_shop.Token);
        Assert.Null((await (await stillSignedIn.PostGraphQLAsync("{ me { email } }")).ReadJsonAsync()).ErrorCode());
    }

    /// <summary>What is wrong with the answer, or null when it is one a bad input may get.</summary>
    /// <remarks>
    /// A document that was refused before it ran may carry any code of the library's validation; an error of a document
    /// that ran must be one of ShopIngest's own codes, since anything else is an exception from inside.
    /// </remarks>
    private static string? Verdict(BadInput input, HttpStatusCode status, string body)
    {
        if ((int)status >= 500)
        {
            return "a server error";
        }

        if (!input.Path.StartsWith("/graphql", StringComparison.Ordinal))
        {
            return input.MayBeAnswered || (int)status is >= 400 and < 500 ? null : "not refused";
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return (int)status is >= 400 and < 500 ? null : "not JSON";
        }

        if (json.TryGetProperty("errors", out var errors))
        {
            var codes = errors.EnumerateArray()
                .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() : null)
                .ToList();
            return codes.Any(string.IsNullOrEmpty) ? "an error without a code"
                : status == HttpStatusCode.OK && codes.Any(code => !ClientErrorCodes.Contains(code!)) ? "an error from inside"
                : null;
        }

        return input.MayBeAnswered || (int)status is >= 400 and < 500 ? null : "not refused";
    }

    private static IEnumerable<BadInput> Inputs()
    {
        // Bodies that are not a GraphQL request.
        foreach (var (name, body, mediaType) in new[]
        {
            ("malformed JSON", "{ \"query\": ", "application/json"),
            ("JSON array", "[1, 2, 3]", "application/json"),
            ("JSON string", "\"{ me { email } }\"", "application/json"),
            ("query is a number", "{\"query\": 42}", "application/json"),
            ("query is an object", "{\"query\": {\"a\": 1}}", "application/json"),
            ("variables are a string", "{\"query\": \"{ me { email } }\", \"variables\": \"x\"}", "application/json"),
            ("empty body", "", "application/json"),
            ("null", "null", "application/json"),
            ("deep JSON", new string('[', 5_000) + new string(']', 5_000), "application/json"),
            ("plain text", "{ me { email } }", "text/plain"),
            ("form", "query=%7B%20me%20%7B%20email%20%7D%20%7D", "application/x-www-form-urlencoded"),
            ("GraphQL media type", "{ me { email } }", "application/graphql"),
            ("XML", "<query>{ me { email } }</query>", "application/xml"),
        })
        {
            yield return Post("/graphql", name, body, mediaType);
        }

        yield return Post("/graphql", "invalid UTF-8", [.. Encoding.UTF8.GetBytes("{\"query\": \"{ me "), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("}\"}")], "application/json");
        yield return Post("/graphql", "a 1 MB body", JsonSerializer.Serialize(new { query = "{ me { email " + new string(' ', 1024 * 1024) + "} }" }), "application/json");
        yield return Post("/graphql", "no content type", "{\"query\": \"{ me { email } }\"}", null);

        // Documents that are not valid, or ask for too much.
        foreach (var (name, query) in new[]
        {
            ("syntax error", "{ me { email "),
            ("empty document", " "),
            ("comment only", "# nothing"),
            ("unknown field", "{ nothing }"),
            ("deep braces", "{" + string.Concat(Enumerable.Repeat(" me {", 500)) + " email" + new string('}', 501)),
            ("deep selection", "{ __schema { types { fields { type { " + string.Concat(Enumerable.Repeat("ofType { ", 30)) + "name" + new string('}', 35)),
            ("many aliases", "{" + string.Concat(Enumerable.Range(0, 500).Select(i => $" a{i}: me {{ email }}")) + " }"),
            ("same alias many times", "{" + string.Concat(Enumerable.Repeat(" a: __typename", 3_000)) + " }"),
            ("fragment cycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            ("fragment bomb", "{ ...F0 } " + string.Concat(Enumerable.Range(0, 30).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} ")) + "fragment F30 on Query { me { email } }"),
            ("two anonymous operations", "{ me { email } } { me { email } }"),
            ("unknown directive", "{ me @nope { email } }"),
            ("mutation over a query name", "mutation { me { email } }"),
            ("subscription", "subscription { me { email } }"),
        })
        {
            yield return GraphQL(name, query, signedIn: true);
        }

        yield return Get("/graphql?query=" + Uri.EscapeDataString("mutation { syncAll { id } }"), "a mutation sent with GET", signedIn: true);
        yield return Get("/graphql?query=" + Uri.EscapeDataString("{ me { email } }") + "&variables=%7Bnot-json", "GET with malformed variables", signedIn: true);
        yield return Get("/graphql", "GET without a query", signedIn: true);
        yield return Get("/graphql?query=" + new string('a', 20_000), "GET with a 20 KB query string", signedIn: true);

        // Arguments out of range, of the wrong type, or hostile.
        foreach (var first in new[] { "0", "-1", "251", "2147483647", "2147483648", "99999999999999999999", "1.5", "\"10\"", "true", "[1]" })
        {
            yield return GraphQL($"orders(first: {first})", $"{{ orders(first: {first}) {{ totalCount }} }}", signedIn: true);
            yield return GraphQL($"topCustomers(first: {first})", $"{{ topCustomers(first: {first}) {{ id }} }}", signedIn: true);
        }

        foreach (var day in BadDays)
        {
            yield return GraphQL($"stats from {day}", $"{{ stats(from: {Literal(day)}) {{ totalOrders }} }}", signedIn: true);
            yield return GraphQL($"salesByDate to {day}", $"{{ salesByDate(from: \"2025-01-01\", to: {Literal(day)}) {{ date }} }}", signedIn: true);
            yield return GraphQLWithVariables($"orders with $from {day}", "query($from: Date) { orders(from: $from) { totalCount } }", new { from = day }, signedIn: true);
            yield return Get($"/api/dashboard/stats?from={Uri.EscapeDataString(day)}", $"REST stats from {day}", signedIn: true, mayBeAnswered: day.Length == 0);
            yield return Get($"/api/dashboard/chart?to={Uri.EscapeDataString(day)}", $"REST chart to {day}", signedIn: true, mayBeAnswered: day.Length == 0);
        }

        yield return GraphQL("salesByDate from after to", "{ salesByDate(from: \"2025-02-01\", to: \"2025-01-01\") { date } }", signedIn: true);
        yield return GraphQL("salesByDate over eleven years", "{ salesByDate(from: \"2000-01-01\", to: \"2011-12-31\") { date } }", signedIn: true);
        yield return GraphQL("unknown interval", "{ salesByDate(from: \"2025-01-01\", to: \"2025-01-31\", interval: YEAR) { date } }", signedIn: true);
        yield return GraphQL("unknown sort", "{ orders(sort: PRICE) { totalCount } }", signedIn: true);

        foreach (var cursor in BadCursors)
        {
            yield return GraphQLWithVariables($"orders after '{Shorten(cursor)}'", "query($after: String) { orders(after: $after) { totalCount } }", new { after = cursor }, signedIn: true, mayBeAnswered: cursor.Length == 0);
            yield return GraphQLWithVariables($"products after '{Shorten(cursor)}'", "query($after: String) { products(after: $after) { totalCount } }", new { after = cursor }, signedIn: true, mayBeAnswered: cursor.Length == 0);
        }

        foreach (var text in HostileStrings)
        {
            // Text is data: a search for it is answered (with nothing), and the shop's data stays as it was.
            yield return GraphQLWithVariables($"orders search '{Shorten(text)}'", "query($s: String) { orders(search: $s, financialStatus: $s) { totalCount } }", new { s = text }, signedIn: true, mayBeAnswered: true);
            yield return GraphQLWithVariables($"customers search '{Shorten(text)}'", "query($s: String) { customers(search: $s) { totalCount } }", new { s = text }, signedIn: true, mayBeAnswered: true);
            yield return GraphQLWithVariables($"products search '{Shorten(text)}'", "query($s: String) { products(search: $s, status: $s) { totalCount } }", new { s = text }, signedIn: true, mayBeAnswered: true);
            yield return GraphQLWithVariables($"login as '{Shorten(text)}'", "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", new { e = text, p = text }, signedIn: false);
            yield return GraphQLWithVariables($"sign up as '{Shorten(text)}'", TestTenants.SignUpMutation, new { email = text, password = "long-enough-password", shop = text, accessToken = "t" }, signedIn: false);
            yield return Post("/api/auth", $"REST login as '{Shorten(text)}'", JsonSerializer.Serialize(new { email = text, password = text }), "application/json");
            yield return Get($"/api/dashboard/stats?shopId={Uri.EscapeDataString(text)}", $"REST shopId '{Shorten(text)}'", signedIn: true);
        }

        foreach (var id in BadIds)
        {
            yield return Get($"/api/ingest/runs/{Uri.EscapeDataString(id)}", $"run id '{id}'", signedIn: true);
            yield return Get($"/api/dashboard/top-customers?shopId={Uri.EscapeDataString(id)}", $"top customers of shop '{id}'", signedIn: true);
            yield return Post($"/api/ingest/orders?shopId={Uri.EscapeDataString(id)}", $"ingest for shop '{id}'", "", null, signedIn: true);
        }

        yield return Post("/api/ingest/everything", "ingest of an unknown resource", "", null, signedIn: true);
        yield return Post("/api/ingest/orders", "ingest naming another shop in its body", JsonSerializer.Serialize(new { shopId = Guid.NewGuid() }), "application/json", signedIn: true);
        yield return Post("/api/ingest/orders", "ingest without a token", "", null);
        yield return Get("/api/dashboard/stats", "stats without a token", signedIn: false);
        yield return GraphQL("changePassword with a short password", "mutation { changePassword(currentPassword: \"x\", newPassword: \"short\") { token } }", signedIn: true);
        yield return GraphQL("updateShopAccessToken with nothing", "mutation { updateShopAccessToken(accessToken: \"   \") { domain } }", signedIn: true);
        yield return GraphQL("updateShopAccessToken with a number", "mutation { updateShopAccessToken(accessToken: 42) { domain } }", signedIn: true);

        // REST bodies that are not what /api/auth reads.
        foreach (var (name, body, mediaType) in new[]
        {
            ("malformed JSON", "{ \"email\": ", "application/json"),
            ("JSON array", "[]", "application/json"),
            ("email is a number", "{\"email\": 1, \"password\": 2}", "application/json"),
            ("missing fields", "{}", "application/json"),
            ("null", "null", "application/json"),
            ("plain text", "email=a&password=b", "text/plain"),
            ("form", "email=a&password=b", "application/x-www-form-urlencoded"),
            ("deep JSON", "{\"email\": " + new string('[', 5_000) + new string(']', 5_000) + "}", "application/json"),
        })
        {
            yield return Post("/api/auth", $"REST login with {name}", body, mediaType);
        }

        yield return Post("/api/auth", "REST login with a 1 MB body", JsonSerializer.Serialize(new { email = new string('a', 1024 * 1024), password = "x" }), "application/json");
    }

    private static string Literal(string day) => JsonSerializer.Serialize(day);

    private static BadInput GraphQL(string name, string query, bool signedIn, bool mayBeAnswered = false) =>
        Post("/graphql", $"GraphQL {name}", JsonSerializer.Serialize(new { query }), "application/json", signedIn, mayBeAnswered);

    private static BadInput GraphQLWithVariables(string name, string query, object variables, bool signedIn, bool mayBeAnswered = false) =>
        Post("/graphql", $"GraphQL {name}", JsonSerializer.Serialize(new { query, variables }), "application/json", signedIn, mayBeAnswered);

    private static BadInput Post(string path, string name, string body, string? mediaType, bool signedIn = false, bool mayBeAnswered = false) =>
        Post(path, name, Encoding.UTF8.GetBytes(body), mediaType, signedIn, mayBeAnswered);

    private static BadInput Post(string path, string name, byte[] body, string? mediaType, bool signedIn = false, bool mayBeAnswered = false) =>
        new(name, path, signedIn, mayBeAnswered, () =>
        {
            var content = new ByteArrayContent(body);
            if (mediaType is not null)
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            }

            return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        });

    private static BadInput Get(string path, string name, bool signedIn, bool mayBeAnswered = false) =>
        new(name, path, signedIn, mayBeAnswered, () => new HttpRequestMessage(HttpMethod.Get, path));

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}…";

    /// <summary>The shop's rows in every module, as text: any change to them changes it.</summary>
    private async Task<string> ShopFingerprintAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws(' | ',
                (SELECT md5(t::text) FROM identity.tenants t WHERE t.id = $1),
                (SELECT md5(string_agg(u::text, ',' ORDER BY u.id)) FROM identity.users u WHERE u.tenant_id = $1),
                (SELECT count(*) FROM identity.tenants),
                (SELECT count(*) FROM identity.users),
                (SELECT md5(string_agg(o::text, ',' ORDER BY o.shopify_id)) FROM sales.orders o WHERE o.tenant_id = $1),
                (SELECT count(*) FROM sales.order_line_items i WHERE i.tenant_id = $1),
                (SELECT md5(string_agg(c::text, ',' ORDER BY c.shopify_id)) FROM sales.customers c WHERE c.tenant_id = $1),
                (SELECT md5(string_agg(d::text, ',' ORDER BY d.day)) FROM sales.daily_sales d WHERE d.tenant_id = $1),
                (SELECT md5(string_agg(p::text, ',' ORDER BY p.shopify_id)) FROM catalog.products p WHERE p.tenant_id = $1),
                (SELECT count(*) FROM catalog.product_variants v WHERE v.tenant_id = $1),
                (SELECT count(*) FROM sync.runs r WHERE r.tenant_id = $1))
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _shop.Id });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed record BadInput(string Name, string Path, bool SignedIn, bool MayBeAnswered, Func<HttpRequestMessage> Request);
}
