using System.Net;
using System.Net.Http.Json;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Security;

/// <summary>
/// Sign-in limits are kept per client address. <c>X-Forwarded-For</c> names that address only when it comes from a
/// configured proxy: the app host's Host has none, the Production Host believes 127.0.0.1, where the tests run.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class ForwardedHeadersTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_forwarded_address_from_a_source_that_is_not_a_configured_proxy_is_ignored()
    {
        var email = $"spoof-{Guid.NewGuid():N}@example.test";
        using var client = fixture.CreateHostClient();

        await WrongPasswordAsync(client, email, forwardedFor: "203.0.113.7");

        Assert.Equal(["127.0.0.1"], await StreakAddressesAsync(email));
    }

    [Fact]
    public async Task A_forwarded_address_from_a_configured_proxy_is_the_client_address()
    {
        var email = $"proxied-{Guid.NewGuid():N}@example.test";
        var host = await fixture.ProductionHostAsync();
        using var client = host.CreateClient();

        await WrongPasswordAsync(client, email, forwardedFor: "203.0.113.8");
        await WrongPasswordAsync(client, email, forwardedFor: "198.51.100.4, 203.0.113.9");

        // With one proxy in front, the client is the address that proxy saw: the last one it appended.
        Assert.Equal(["203.0.113.8", "203.0.113.9"], await StreakAddressesAsync(email));
    }

    private static async Task WrongPasswordAsync(HttpClient client, string email, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth") { Content = JsonContent.Create(new { email, password = "not-the-password" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The client addresses the stored streaks of wrong passwords for this email are kept by.</summary>
    private async Task<List<string>> StreakAddressesAsync(string email)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT client_address FROM identity.login_failures WHERE normalized_email = $1 ORDER BY client_address", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }
}
