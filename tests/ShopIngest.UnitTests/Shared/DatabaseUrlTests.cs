using Microsoft.Extensions.Configuration;
using Npgsql;
using ShopIngest.Modules.Shared.Configuration;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.UnitTests.Shared;

/// <summary><c>DATABASE_URL</c> read as libpq reads its URI form, into the connection string the Host uses.</summary>
public sealed class DatabaseUrlTests
{
    [Fact]
    public void Every_part_of_a_full_URL_lands_in_its_connection_string_setting()
    {
        var parsed = Parse("postgres://shop_owner:s3cret@db.example.com:6543/shopingest");

        Assert.Equal("db.example.com", parsed.Host);
        Assert.Equal(6543, parsed.Port);
        Assert.Equal("shop_owner", parsed.Username);
        Assert.Equal("s3cret", parsed.Password);
        Assert.Equal("shopingest", parsed.Database);
    }

    [Fact]
    public void The_postgresql_scheme_is_the_same_as_postgres()
    {
        Assert.Equal(
            DatabaseUrl.ToConnectionString("postgres://u:p@h:5433/d"),
            DatabaseUrl.ToConnectionString("postgresql://u:p@h:5433/d"));
    }

    [Fact]
    public void Percent_encoded_user_name_password_and_database_are_decoded()
    {
        var parsed = Parse("postgres://owner%40corp:p%40ss%3Aw%2Frd%25%20x@localhost/shop%20data");

        Assert.Equal("owner@corp", parsed.Username);
        Assert.Equal("p@ss:w/rd% x", parsed.Password);
        Assert.Equal("shop data", parsed.Database);
    }

    [Fact]
    public void A_URL_without_a_port_means_PostgreSQLs_default_5432()
    {
        Assert.Equal(5432, Parse("postgres://u:p@db.internal/shopingest").Port);
    }

    [Theory]
    [InlineData("postgres://u:p@[::1]:5433/shopingest", "::1", 5433)]
    [InlineData("postgres://u:p@[2001:db8::10]/shopingest", "2001:db8::10", 5432)]
    public void An_IPv6_host_is_given_to_Npgsql_without_its_brackets(string url, string host, int port)
    {
        var parsed = Parse(url);

        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
    }

    [Fact]
    public void A_user_without_a_password_has_none()
    {
        var parsed = Parse("postgres://reader@localhost:5432/shopingest");

        Assert.Equal("reader", parsed.Username);
        Assert.Null(parsed.Password);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void The_sslmode_parameter_takes_libpqs_values(string value, SslMode mode)
    {
        Assert.Equal(mode, Parse($"postgres://u:p@h/d?sslmode={value}").SslMode);
    }

    [Fact]
    public void Connect_timeout_and_application_name_are_understood_too()
    {
        var parsed = Parse("postgres://u:p@h/d?sslmode=require&connect_timeout=7&application_name=shop%20ingest");

        Assert.Equal(7, parsed.Timeout);
        Assert.Equal("shop ingest", parsed.ApplicationName);
        Assert.Equal(SslMode.Require, parsed.SslMode);
    }

    [Theory]
    [InlineData("mysql://u:secret-password@h/d", "postgres://")]
    [InlineData("Host=localhost;Password=secret-password", "postgres://")]
    [InlineData("postgres://u:secret-password@h:99999/d", "postgres://")]
    [InlineData("postgres://u:secret-password@/d", "postgres://")]
    [InlineData("postgres:///d?application_name=secret-password", "no host")]
    [InlineData("postgres://u:secret-password@h/d/extra", "database name")]
    [InlineData("postgres://u:secret-password@h/d?sslmode=sometimes", "sslmode must be one of")]
    [InlineData("postgres://u:secret-password@h/d?connect_timeout=soon", "connect_timeout")]
    [InlineData("postgres://u:secret-password@h/d?ssl=true", "'ssl'")]
    public void A_malformed_URL_is_refused_with_one_sentence_that_never_repeats_the_password(string url, string saying)
    {
        var refused = Assert.Throws<InvalidSettingException>(() => DatabaseUrl.ToConnectionString(url));

        Assert.StartsWith("DATABASE_URL is not a PostgreSQL URL", refused.Message, StringComparison.Ordinal);
        Assert.Contains(saying, refused.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_ConnectionStrings_shopingest_wins_over_DATABASE_URL()
    {
        var configuration = Configuration(("ConnectionStrings:shopingest", "Host=explicit;Database=shopingest"), ("DATABASE_URL", "postgres://u:p@from-url/d"));

        Assert.Equal("Host=explicit;Database=shopingest", ModuleDatabase.OwnerConnectionString(configuration));
    }

    [Fact]
    public void DATABASE_URL_is_used_when_no_connection_string_is_set()
    {
        var configuration = Configuration(("DATABASE_URL", "postgres://u:p@from-url:6000/d"));

        var used = new NpgsqlConnectionStringBuilder(ModuleDatabase.OwnerConnectionString(configuration));

        Assert.Equal(("from-url", 6000, "d"), (used.Host, used.Port, used.Database));
    }

    [Fact]
    public void Without_either_setting_start_up_names_both()
    {
        var refused = Assert.Throws<InvalidSettingException>(() => ModuleDatabase.OwnerConnectionString(Configuration()));

        Assert.Contains("ConnectionStrings:shopingest", refused.Message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static NpgsqlConnectionStringBuilder Parse(string url) => new(DatabaseUrl.ToConnectionString(url));
}
