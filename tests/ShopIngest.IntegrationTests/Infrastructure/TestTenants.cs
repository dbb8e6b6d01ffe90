using System.Text.Json;

namespace ShopIngest.IntegrationTests.Infrastructure;

/// <summary>A shop signed up for one test, with its first user's credentials and token.</summary>
public sealed record TestTenant(Guid Id, string Email, string Password, string Shop, string AccessToken, string Token);

public static class TestTenants
{
    public const string SignUpMutation = """
        mutation($email: String!, $password: String!, $shop: String!, $accessToken: String!, $webhookSecret: String) {
          signUp(email: $email, password: $password, shop: $shop, accessToken: $accessToken, name: "Test shop", webhookSecret: $webhookSecret) {
            token expiresAt shop { id domain name }
          }
        }
        """;

    /// <summary>
    /// Signs up a brand-new shop through the API, so every test has data no other test touches; with
    /// <paramref name="webhookSecret"/>, the shop's webhooks are checked with that secret.
    /// </summary>
    public static async Task<TestTenant> SignUpAsync(this AppHostFixture fixture, string? shop = null, string? accessToken = null, string? webhookSecret = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var email = $"owner-{id}@example.test";
        var password = $"pw-{Guid.NewGuid():N}";
        shop ??= $"shop-{id}.myshopify.com";
        accessToken ??= $"shpat_{Guid.NewGuid():N}";

        using var client = fixture.CreateHostClient();
        using var response = await client.PostGraphQLAsync(SignUpMutation, new { email, password, shop, accessToken, webhookSecret });
        var json = await response.ReadJsonAsync();
        if (!json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"signUp failed: {json}");
        }

        var signUp = data.GetProperty("signUp");
        return new TestTenant(
            signUp.GetProperty("shop").GetProperty("id").GetGuid(),
            email, password, shop, accessToken,
            signUp.GetProperty("token").GetString()!);
    }

    public static string? ErrorCode(this JsonElement response) =>
        response.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            ? errors[0].GetProperty("extensions").GetProperty("code").GetString()
            : null;
}
