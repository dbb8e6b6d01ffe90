using System.Net;
using System.Net.Http.Json;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Identity;

/// <summary>
/// Tokens stop working when the password changes, the user is disabled or the shop is removed: the Host here checks
/// the user's security stamp on every request (its cache is turned off for the tests).
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class TokenRevocationTests(AppHostFixture fixture)
{
    private const string ChangePassword = """
        mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) { token expiresAt shop { id } } }
        """;

    private const string MeQuery = "{ me { email } }";

    [Fact]
    public async Task Changing_the_password_returns_a_new_token_and_ends_every_earlier_one()
    {
        var tenant = await fixture.SignUpAsync();
        var secondSession = await LoginAsync(tenant.Email, tenant.Password) ?? throw new InvalidOperationException("The second sign-in was refused.");
        using var client = fixture.CreateHostClient(tenant.Token);
        var newPassword = $"new-{Guid.NewGuid():N}";

        var changed = await (await client.PostGraphQLAsync(ChangePassword, new { current = tenant.Password, @new = newPassword })).ReadJsonAsync();

        var payload = changed.GetProperty("data").GetProperty("changePassword");
        Assert.Equal(tenant.Id, payload.GetProperty("shop").GetProperty("id").GetGuid());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", await MeErrorAsync(tenant.Token));
        Assert.Equal("AUTH_NOT_AUTHENTICATED", await MeErrorAsync(secondSession));
        Assert.Null(await MeErrorAsync(payload.GetProperty("token").GetString()!));
        using var rest = fixture.CreateHostClient(tenant.Token);
        using var stats = await rest.GetAsync("/api/dashboard/stats");
        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
        Assert.Null(await LoginAsync(tenant.Email, tenant.Password));
        Assert.NotNull(await LoginAsync(tenant.Email, newPassword));
    }

    [Fact]
    public async Task A_wrong_current_password_gets_a_coded_error_and_changes_nothing()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        var refused = await (await client.PostGraphQLAsync(ChangePassword, new { current = "not-the-password", @new = "another-long-password" })).ReadJsonAsync();

        Assert.Equal("INVALID_CREDENTIALS", refused.ErrorCode());
        Assert.Null(await MeErrorAsync(tenant.Token));
        Assert.NotNull(await LoginAsync(tenant.Email, tenant.Password));
    }

    [Fact]
    public async Task A_new_password_that_is_too_short_is_refused_with_a_coded_error()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient(tenant.Token);

        var refused = await (await client.PostGraphQLAsync(ChangePassword, new { current = tenant.Password, @new = "short" })).ReadJsonAsync();

        Assert.Equal("BAD_USER_INPUT", refused.ErrorCode());
        Assert.Null(await MeErrorAsync(tenant.Token));
    }

    [Fact]
    public async Task Changing_the_password_needs_a_token()
    {
        using var anonymous = fixture.CreateHostClient();

        var refused = await (await anonymous.PostGraphQLAsync(ChangePassword, new { current = "whatever-password", @new = "another-long-password" })).ReadJsonAsync();

        Assert.Equal("AUTH_NOT_AUTHENTICATED", refused.ErrorCode());
    }

    [Theory]
    [InlineData("UPDATE identity.users SET disabled_at = now() WHERE tenant_id = $1")]
    [InlineData("DELETE FROM identity.tenants WHERE id = $1")]
    public async Task Disabling_the_user_or_removing_the_shop_ends_the_users_tokens_and_sign_in(string change)
    {
        var tenant = await fixture.SignUpAsync();
        Assert.Null(await MeErrorAsync(tenant.Token));

        await ExecuteAsync(change, tenant.Id);

        Assert.Equal("AUTH_NOT_AUTHENTICATED", await MeErrorAsync(tenant.Token));
        Assert.Null(await LoginAsync(tenant.Email, tenant.Password));
    }

    /// <summary>The error code <c>me</c> answers with this token; null when it answers.</summary>
    private async Task<string?> MeErrorAsync(string token)
    {
        using var client = fixture.CreateHostClient(token);
        return (await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync()).ErrorCode();
    }

    /// <summary>A token for the email and password over REST; null when the sign-in is refused.</summary>
    private async Task<string?> LoginAsync(string email, string password)
    {
        using var client = fixture.CreateHostClient();
        using var response = await client.PostAsJsonAsync("/api/auth", new { email, password });
        return response.StatusCode == HttpStatusCode.OK ? (await response.ReadJsonAsync()).GetProperty("token").GetString() : null;
    }

    private async Task ExecuteAsync(string sql, Guid tenantId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
