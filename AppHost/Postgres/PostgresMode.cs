namespace ShopIngest.AppHost.Postgres;

/// <summary>Where the <c>shopingest</c> database comes from (configuration key <c>Postgres:Mode</c>).</summary>
internal enum PostgresMode
{
    /// <summary>Aspire's PostgreSQL container; needs a container engine.</summary>
    Container,

    /// <summary>A server the app host starts itself from the machine's PostgreSQL server binaries.</summary>
    Local,

    /// <summary>A server someone else runs, reached through <c>ConnectionStrings:shopingest</c>.</summary>
    External,
}

/// <summary>Start-up cannot provide PostgreSQL; the message says what to install or configure.</summary>
internal sealed class PostgresUnavailableException(string message) : Exception(message);
