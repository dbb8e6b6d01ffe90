using Npgsql;
using ShopIngest.Modules.Shared.Configuration;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// <c>DATABASE_URL</c>, the way platforms and the seed service hand out a PostgreSQL database
/// (<c>postgres://user:password@host:port/database?sslmode=require</c>, libpq's URI form), as an Npgsql connection string.
/// </summary>
internal static class DatabaseUrl
{
    public const string Variable = "DATABASE_URL";

    private const int DefaultPort = 5432;

    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.Ordinal)
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    /// <summary>The connection string the URL stands for; throws <see cref="InvalidSettingException"/> (never repeating the URL, which holds a password) when it is not such a URL.</summary>
    public static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw Malformed("it must start with postgres:// or postgresql:// and be a valid URL");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw Malformed("it names no host");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            // An IPv6 literal comes bracketed in a URL; Npgsql wants the bare address.
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
        };

        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Contains('/', StringComparison.Ordinal))
        {
            throw Malformed("its path must be just the database name");
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var (name, value) in Parameters(uri.Query))
        {
            switch (name)
            {
                case "sslmode":
                    builder.SslMode = SslModes.TryGetValue(value, out var mode)
                        ? mode
                        : throw Malformed($"sslmode must be one of {string.Join(", ", SslModes.Keys)}");
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                        ? seconds
                        : throw Malformed("connect_timeout must be a whole number of seconds");
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    throw Malformed($"its parameter '{name}' is not one this server understands (sslmode, connect_timeout, application_name)");
            }
        }

        return builder.ConnectionString;
    }

    private static IEnumerable<(string Name, string Value)> Parameters(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            return separator < 0
                ? (Uri.UnescapeDataString(pair), "")
                : (Uri.UnescapeDataString(pair[..separator]), Uri.UnescapeDataString(pair[(separator + 1)..]));
        });

    private static InvalidSettingException Malformed(string problem) =>
        new($"{Variable} is not a PostgreSQL URL of the form postgres://user:password@host:port/database: {problem}.");
}
