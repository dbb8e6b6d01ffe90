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
    /// </summary>
    public static async Task<TestShop> CreateAsync(this DashboardAppFixture fixture, IReadOnlyList<string>? scopes = null, string? signUpToken = null)
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
            orders = 80,
            scopes = scopes ?? AllScopes,
            throttle = new { maximumAvailable = 1_000_000.0, restoreRate = 1_000_000.0, enabled = false },
        });
        await EnsureSuccessAsync(created, $"The simulator refused to create {domain} with scopes [{string.Join(", ", scopes ?? AllScopes)}]");

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

    /// <summary>Sets the simulator's faults of the shop, e.g. <c>new { paymentRequiredRate = 1.0 }</c> for a frozen shop.</summary>
    public static async Task SetFaultsAsync(this DashboardAppFixture fixture, TestShop shop, object faults)
    {
        using var simulator = fixture.App.CreateHttpClient("shopify-sim");
        using var response = await simulator.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/faults", faults);
        await EnsureSuccessAsync(response, $"The simulator refused the faults {System.Text.Json.JsonSerializer.Serialize(faults)} for {shop.Domain}");
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
