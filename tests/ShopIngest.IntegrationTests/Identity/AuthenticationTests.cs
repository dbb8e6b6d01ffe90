using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Identity;

[Collection(AppHostTests.Name)]
public sealed class AuthenticationTests(AppHostFixture fixture)
{
    internal const string LoginMutation = """
        mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt shop { id domain name } } }
        """;

    private const string MeQuery = "{ me { email shop { id domain name currency timezone } } }";

    [Fact]
    public async Task A_user_signs_in_with_GraphQL_and_sees_their_own_shop()
    {
        var tenant = await fixture.SignUpAsync();
        using var anonymous = fixture.CreateHostClient();

        var login = await (await anonymous.PostGraphQLAsync(LoginMutation, new { email = tenant.Email, password = tenant.Password })).ReadJsonAsync();
        var token = login.GetProperty("data").GetProperty("login").GetProperty("token").GetString();
        Assert.Equal(tenant.Id, login.GetProperty("data").GetProperty("login").GetProperty("shop").GetProperty("id").GetGuid());

        using var client = fixture.CreateHostClient(token);
        var me = (await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync()).GetProperty("data").GetProperty("me");
        Assert.Equal(tenant.Email, me.GetProperty("email").GetString());
        Assert.Equal(tenant.Shop, me.GetProperty("shop").GetProperty("domain").GetString());
    }

    [Fact]
    public async Task The_REST_login_returns_the_token_its_expiry_and_the_shop_id()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();

        using var response = await client.PostAsJsonAsync("/api/auth", new { email = tenant.Email, password = tenant.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(tenant.Id, body.GetProperty("shopId").GetGuid());
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        using var authenticated = fixture.CreateHostClient(body.GetProperty("token").GetString());
        var me = await (await authenticated.PostGraphQLAsync(MeQuery)).ReadJsonAsync();
        Assert.Equal(tenant.Email, me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();

        var wrongPassword = await (await client.PostGraphQLAsync(LoginMutation, new { email = tenant.Email, password = "not-the-password" })).ReadJsonAsync();
        var unknownEmail = await (await client.PostGraphQLAsync(LoginMutation, new { email = $"nobody-{Guid.NewGuid():N}@example.test", password = "whatever-password" })).ReadJsonAsync();

        Assert.Equal("INVALID_CREDENTIALS", wrongPassword.ErrorCode());
        Assert.Equal(wrongPassword.GetProperty("errors")[0].GetProperty("message").GetString(), unknownEmail.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("INVALID_CREDENTIALS", unknownEmail.ErrorCode());

        using var rest = await client.PostAsJsonAsync("/api/auth", new { email = tenant.Email, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tenant_fields_refuse_a_request_without_a_token()
    {
        using var client = fixture.CreateHostClient();

        var me = await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync();

        Assert.Equal("AUTH_NOT_AUTHENTICATED", me.ErrorCode());
    }

    public static TheoryData<string> RefusedTokens => ["not-a-jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_forged_token_is_refused(string token)
    {
        using var client = fixture.CreateHostClient(token);

        var me = await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync();

        Assert.Equal("AUTH_NOT_AUTHENTICATED", me.ErrorCode());
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var tenant = await fixture.SignUpAsync();
        var (userId, stamp) = await UserAsync(tenant);
        var expired = Token(tenant, fixture.SigningKey, issuedAt: DateTime.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1), userId, stamp);
        using var client = fixture.CreateHostClient(expired);

        var me = await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync();

        Assert.Equal("AUTH_NOT_AUTHENTICATED", me.ErrorCode());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var tenant = await fixture.SignUpAsync();
        var (userId, stamp) = await UserAsync(tenant);
        var otherKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var client = fixture.CreateHostClient(Token(tenant, otherKey, DateTime.UtcNow, TimeSpan.FromHours(1), userId, stamp));

        var me = await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync();

        Assert.Equal("AUTH_NOT_AUTHENTICATED", me.ErrorCode());
    }

    [Fact]
    public async Task A_token_made_with_the_right_key_is_accepted_so_the_refusals_above_are_about_the_token()
    {
        var tenant = await fixture.SignUpAsync();
        var (userId, stamp) = await UserAsync(tenant);
        using var client = fixture.CreateHostClient(Token(tenant, fixture.SigningKey, DateTime.UtcNow, TimeSpan.FromHours(1), userId, stamp));

        var me = await (await client.PostGraphQLAsync(MeQuery)).ReadJsonAsync();

        Assert.Equal(tenant.Email, me.GetProperty("data").GetProperty("me").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_well_signed_token_without_the_users_current_security_stamp_is_refused()
    {
        var tenant = await fixture.SignUpAsync();
        var (userId, _) = await UserAsync(tenant);
        using var noStamp = fixture.CreateHostClient(Token(tenant, fixture.SigningKey, DateTime.UtcNow, TimeSpan.FromHours(1), userId, stamp: null));
        using var otherStamp = fixture.CreateHostClient(Token(tenant, fixture.SigningKey, DateTime.UtcNow, TimeSpan.FromHours(1), userId, Guid.NewGuid()));

        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await (await noStamp.PostGraphQLAsync(MeQuery)).ReadJsonAsync()).ErrorCode());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await (await otherStamp.PostGraphQLAsync(MeQuery)).ReadJsonAsync()).ErrorCode());
    }

    [Fact]
    public async Task Sign_up_refuses_bad_input_with_a_clear_error()
    {
        var tenant = await fixture.SignUpAsync();
        using var client = fixture.CreateHostClient();

        var duplicate = await (await client.PostGraphQLAsync(TestTenants.SignUpMutation,
            new { email = tenant.Email.ToUpperInvariant(), password = "long-enough-password", shop = $"x{Guid.NewGuid():N}.myshopify.com", accessToken = "t" })).ReadJsonAsync();
        var badEmail = await (await client.PostGraphQLAsync(TestTenants.SignUpMutation,
            new { email = "not-an-email", password = "long-enough-password", shop = $"x{Guid.NewGuid():N}.myshopify.com", accessToken = "t" })).ReadJsonAsync();

        Assert.Equal("BAD_USER_INPUT", duplicate.ErrorCode());
        Assert.Equal("BAD_USER_INPUT", badEmail.ErrorCode());
    }

    private static string Token(TestTenant tenant, string key, DateTime issuedAt, TimeSpan lifetime, Guid? userId = null, Guid? stamp = null)
    {
        List<Claim> claims = [new("sub", (userId ?? Guid.NewGuid()).ToString()), new("tenant_id", tenant.Id.ToString()), new("email", tenant.Email)];
        if (stamp is not null)
        {
            claims.Add(new Claim("security_stamp", stamp.Value.ToString()));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "shopingest",
            Audience = "shopingest",
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<(Guid UserId, Guid Stamp)> UserAsync(TestTenant tenant)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id, security_stamp FROM identity.users WHERE tenant_id = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant.Id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The tenant's user is missing.");
        return (reader.GetGuid(0), reader.GetGuid(1));
    }
}
