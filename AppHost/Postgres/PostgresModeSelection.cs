using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace ShopIngest.AppHost.Postgres;

internal static class PostgresModeSelection
{
    /// <summary>
    /// An explicit <c>Postgres:Mode</c> wins; otherwise a given connection string, then a container engine
    /// that answers, then local server binaries.
    /// </summary>
    public static PostgresMode Choose(IConfiguration configuration, string connectionName)
    {
        var configured = configuration["Postgres:Mode"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse<PostgresMode>(configured, ignoreCase: true, out var mode)
                ? mode
                : throw new PostgresUnavailableException(
                    $"Postgres:Mode '{configured}' is not one of container, local or external.");
        }

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(connectionName)))
        {
            return PostgresMode.External;
        }

        if (ContainerEngineAnswers())
        {
            return PostgresMode.Container;
        }

        if (PostgresBinaries.TryFind(configuration) is not null)
        {
            return PostgresMode.Local;
        }

        throw new PostgresUnavailableException(
            "ShopIngest needs PostgreSQL: install the PostgreSQL server binaries (e.g. `apt-get install postgresql`) " +
            $"or a container engine (Docker or Podman), or set ConnectionStrings:{connectionName} to an existing server.");
    }

    private static bool ContainerEngineAnswers()
    {
        var engine = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(engine, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // the engine's client is not installed
        }
    }
}
