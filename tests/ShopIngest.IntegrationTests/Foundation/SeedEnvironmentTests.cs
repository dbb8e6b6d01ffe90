using System.Net;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;

namespace ShopIngest.IntegrationTests.Foundation;

/// <summary>
/// The Host runs on the seed service's environment as it is: <c>DATABASE_URL</c> for the database and <c>PORT</c> for
/// where to listen, so its users switch without rewriting their configuration.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class SeedEnvironmentTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_Host_given_only_DATABASE_URL_and_PORT_migrates_listens_and_reports_healthy()
    {
        await using var host = await HostProcess.StartFromDatabaseUrlAndPortAsync(fixture, await DatabaseUrlAsync());
        using var client = host.CreateClient();

        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_DATABASE_URL_stops_start_up_with_one_sentence_that_keeps_the_password_to_itself()
    {
        // An empty connection string counts as none, so DATABASE_URL is what the Host reads.
        var (exitCode, output, errors) = await HostProcess.RunToExitAsync(fixture, new Dictionary<string, string>
        {
            ["ConnectionStrings__shopingest"] = "",
            ["DATABASE_URL"] = "mysql://owner:hunter2-secret@db.example.com/shopingest",
        }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        var lines = (output + errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("DATABASE_URL is not a PostgreSQL URL", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PORT_that_is_not_a_port_number_stops_start_up_with_one_sentence()
    {
        var (exitCode, output, errors) = await HostProcess.RunToExitAsync(fixture, new Dictionary<string, string> { ["PORT"] = "eighty" });

        Assert.Equal(1, exitCode);
        Assert.Equal("PORT must be a TCP port number from 1 to 65535, not 'eighty'.", (output + errors).Trim());
    }

    /// <summary>The app host's database as a URL, user name and password percent-encoded as a platform would give them.</summary>
    private async Task<string> DatabaseUrlAsync()
    {
        var owner = new NpgsqlConnectionStringBuilder(await fixture.OwnerConnectionStringAsync());
        return $"postgres://{Uri.EscapeDataString(owner.Username!)}:{Uri.EscapeDataString(owner.Password!)}@{owner.Host}:{owner.Port}/{Uri.EscapeDataString(owner.Database!)}";
    }
}
