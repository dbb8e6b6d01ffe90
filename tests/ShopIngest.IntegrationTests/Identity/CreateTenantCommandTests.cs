using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Identity;

/// <summary><c>dotnet run --project Host -- create-tenant …</c>, run as the real Host executable.</summary>
[Collection(AppHostTests.Name)]
public sealed class CreateTenantCommandTests(AppHostFixture fixture)
{
    [Fact]
    public async Task It_creates_the_tenant_and_its_user_and_prints_the_tenant_id()
    {
        var email = $"cli-{Guid.NewGuid():N}@example.test";
        var shop = $"cli-{Guid.NewGuid():N}"[..20] + ".myshopify.com";

        var (exitCode, output, _) = await RunHostAsync("create-tenant", "--email", email, "--password", "long-enough-pw", "--shop", shop, "--access-token", "shpat_cli");

        Assert.Equal(0, exitCode);
        var tenantId = Guid.Parse(output.Trim());
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM identity.users WHERE tenant_id = $1 AND normalized_email = $2", tenantId, email));
    }

    [Theory]
    [InlineData("not-an-email", "long-enough-pw", "cli-bad.myshopify.com")]
    [InlineData("ok@example.test", "short", "cli-bad.myshopify.com")]
    [InlineData("ok@example.test", "long-enough-pw", "not a domain")]
    public async Task Bad_input_prints_one_line_exits_non_zero_and_creates_nothing(string email, string password, string shop)
    {
        var before = await CountAsync("SELECT count(*) FROM identity.tenants");

        var (exitCode, _, errors) = await RunHostAsync("create-tenant", "--email", email, "--password", password, "--shop", shop, "--access-token", "t");

        Assert.NotEqual(0, exitCode);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM identity.tenants"));
    }

    [Fact]
    public async Task A_shop_that_is_already_registered_is_refused()
    {
        var existing = await fixture.SignUpAsync();

        var (exitCode, _, errors) = await RunHostAsync("create-tenant", "--email", $"again-{Guid.NewGuid():N}@example.test", "--password", "long-enough-pw", "--shop", existing.Shop, "--access-token", "t");

        Assert.Equal(1, exitCode);
        Assert.Contains("already registered", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_it_refuses_to_run_without_a_key_encryption_key()
    {
        var before = await CountAsync("SELECT count(*) FROM identity.tenants");

        var (exitCode, _, errors) = await HostProcess.RunToExitAsync(fixture, new Dictionary<string, string> { ["DataProtection__KeyEncryptionKey"] = "" },
            "create-tenant", "--email", $"nokey-{Guid.NewGuid():N}@example.test", "--password", "long-enough-pw", "--shop", $"nokey-{Guid.NewGuid():N}"[..20] + ".myshopify.com", "--access-token", "t");

        Assert.Equal(1, exitCode);
        Assert.Contains("DataProtection:KeyEncryptionKey", errors, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM identity.tenants"));
    }

    // In Production, as an operator runs it, with the app host's keys: the key ring is shared with the running Host.
    private Task<(int ExitCode, string Output, string Errors)> RunHostAsync(params string[] arguments) =>
        HostProcess.RunToExitAsync(fixture, new Dictionary<string, string>(), arguments);

    private async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
