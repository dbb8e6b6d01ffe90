using System.Net.Http.Json;
using Aspire.Hosting.Testing;

namespace ShopIngest.BrowserTests.Infrastructure;

/// <summary>A shop of the simulator signed up as a ShopIngest tenant for one test, with its first user.</summary>
public sealed record TestShop(string Domain, string SimulatorToken, string Email, string Password, string Name, string BearerToken);

/// <summary>
/// Shops made for one test, so that what it does to a shop (scopes, faults) touches no other test: created in the
/// simulator through <c>POST /_sim/shops</c>, then signed up through the Host's <c>signUp</c> mutation.
/// </summary>
public static class TestShops
{
    public static readonly string[] AllScopes = ["read_products", "read_customers", "read_orders", "read_all_orders"];

    /// <summary>
    /// A small shop whose token holds <paramref name="scopes"/>, signed up with <paramref name="signUpToken"/> (the
    /// simulator's token unless given, e.g. a wrong one). Its throttle is off: the test waits for banners, not for Shopify.
    /// <paramref name="orders"/> makes it larger (above the Host's <c>Sync:BulkThreshold</c>, its first sync is a bulk
    /// export), and <paramref name="settings"/> are its simulator settings (<c>PUT /_sim/shops/{shop}/settings</c>, e.g.
    /// <c>new { bulkExportObjectsPerSecond = 40 }</c>), set before it is signed up and can be synced.
    /// </summary>
    public static async Task<TestShop> CreateAsync(
        this DashboardAppFixture fixture, IReadOnlyList<string>? scopes = null, string? signUpToken = null, int orders = 80, object? settings = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var domain = $"browser-{id}.myshopify.com";
        var token = $"shpat_{Guid.NewGuid():N}";
        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        using var created = await simulator.PostAsJsonAsync("/_sim/shops", new
        {
            shop = domain,
            accessToken = token,
            products = 5,
            customers = 20,
            orders,
            scopes = scopes ?? AllScopes,
            throttle = new { maximumAvailable = 1_000_000.0, restoreRate = 1_000_000.0, enabled = false },
        });
        await EnsureSuccessAsync(created, $"The simulator refused to create {domain} with scopes [{string.Join(", ", scopes ?? AllScopes)}]");
        if (settings is not null)
        {
            await PutAsync(fixture, domain, "settings", settings);
        }

        var (email, password, name) = ($"owner-{id}@example.test", $"pw-{Guid.NewGuid():N}", $"Browser shop {id}");
        var data = await fixture.GraphQLAsync(
            """
            mutation($email: String!, $password: String!, $shop: String!, $accessToken: String!, $name: String!) {
              signUp(email: $email, password: $password, shop: $shop, accessToken: $accessToken, name: $name) { token }
            }
            """,
            new { email, password, shop = domain, accessToken = signUpToken ?? token, name });
        return new TestShop(domain, token, email, password, name, data.GetProperty("signUp").GetProperty("token").GetString()!);
    }

    /// <summary>Changes the simulator's settings of the shop, e.g. <c>new { bulkExportObjectsPerSecond = 1_000_000 }</c>.</summary>
    public static Task SetSettingsAsync(this DashboardAppFixture fixture, TestShop shop, object settings) =>
        PutAsync(fixture, shop.Domain, "settings", settings);

    /// <summary>Sets the simulator's faults of the shop, e.g. <c>new { paymentRequiredRate = 1.0 }</c> for a frozen shop.</summary>
    public static Task SetFaultsAsync(this DashboardAppFixture fixture, TestShop shop, object faults) =>
        PutAsync(fixture, shop.Domain, "faults", faults);

    /// <summary>PUT /_sim/shops/{shop}/{part}: the shop's faults or settings.</summary>
    private static async Task PutAsync(DashboardAppFixture fixture, string domain, string part, object body)
    {
        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        using var response = await simulator.PutAsJsonAsync($"/_sim/shops/{domain}/{part}", body);
        await EnsureSuccessAsync(response, $"The simulator refused the {part} {System.Text.Json.JsonSerializer.Serialize(body)} for {domain}");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
