using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Identity;

[Collection(AppHostTests.Name)]
public sealed class SecretsAtRestTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Passwords_are_stored_only_as_bcrypt_hashes_with_work_factor_12()
    {
        var tenant = await fixture.SignUpAsync();
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT password_hash FROM identity.users WHERE tenant_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });

        var hash = (string)(await command.ExecuteScalarAsync())!;

        Assert.Matches(@"^\$2[abxy]\$12\$.{53}$", hash);
        Assert.DoesNotContain(tenant.Password, hash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify(tenant.Password, hash));
    }

    [Fact]
    public async Task The_Shopify_access_token_is_stored_encrypted()
    {
        var tenant = await fixture.SignUpAsync();
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT t::text FROM identity.tenants t WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Id });

        var wholeRow = (string)(await command.ExecuteScalarAsync())!;

        Assert.Contains(tenant.Shop, wholeRow, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.AccessToken, wholeRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Shopify_access_token_never_appears_in_the_Host_logs()
    {
        var tenant = await fixture.SignUpAsync();
        // Use the token the way sync and sign-in would, so that any code path that logs it has had its chance.
        using var client = fixture.CreateHostClient(tenant.Token);
        await client.PostGraphQLAsync("{ me { shop { domain } } }");

        var logs = await fixture.ResourceLogAsync("host");

        Assert.Contains(logs, line => line.Contains("Now listening", StringComparison.Ordinal) || line.Contains("Application started", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(tenant.AccessToken, StringComparison.Ordinal));
    }
}
