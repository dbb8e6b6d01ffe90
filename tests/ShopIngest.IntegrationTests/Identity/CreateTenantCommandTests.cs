using System.Diagnostics;
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

    private async Task<(int ExitCode, string Output, string Errors)> RunHostAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [HostAssemblyPath(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(HostAssemblyPath()),
        };
        start.Environment["ConnectionStrings__shopingest"] = await fixture.OwnerConnectionStringAsync();
        start.Environment["Shopify__BaseUrlTemplate"] = "https://{shop}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>The Host built next to these tests: same configuration, sibling folder of the repository.</summary>
    private static string HostAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var repository = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "Host", "bin", configuration, framework, "ShopIngest.Host.dll");
    }

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
