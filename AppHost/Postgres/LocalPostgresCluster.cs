using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace ShopIngest.AppHost.Postgres;

/// <summary>
/// A PostgreSQL data directory the app host owns: created once with initdb, reused by every later run.
/// PostgreSQL refuses to run as root, so as root everything here belongs to, and runs as, the postgres user.
/// </summary>
internal sealed class LocalPostgresCluster(PostgresBinaries binaries, string rootDirectory)
{
    private const string ServiceUser = "postgres";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string RootDirectory => rootDirectory;

    public string DataDirectory => Path.Combine(rootDirectory, "data");

    private string PasswordFile => Path.Combine(rootDirectory, "superuser.password");

    private static bool RunningAsRoot => Environment.UserName == "root";

    public static string DefaultRootDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ShopIngest", "postgres");

    /// <summary>
    /// The superuser password, generated on first use and kept beside the data directory: in a directory only its
    /// owner may enter, in a file only its owner may read, from the moment it exists.
    /// </summary>
    public string ReadOrCreatePassword()
    {
        Directory.CreateDirectory(rootDirectory, OwnerOnly | UnixFileMode.UserExecute);
        // Also a directory an earlier version created open to others.
        File.SetUnixFileMode(rootDirectory, OwnerOnly | UnixFileMode.UserExecute);
        if (File.Exists(PasswordFile))
        {
            File.SetUnixFileMode(PasswordFile, OwnerOnly);
            return File.ReadAllText(PasswordFile).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        using (var file = new FileStream(PasswordFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnly,
        }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(password);
        }

        return password;
    }

    public async Task EnsureInitializedAsync(ILogger logger, CancellationToken cancellationToken)
    {
        ReadOrCreatePassword();
        if (RunningAsRoot)
        {
            await GrantServiceUserAccessAsync(cancellationToken);
        }

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Reusing PostgreSQL data directory {DataDirectory}", DataDirectory);
            return;
        }

        logger.LogInformation("Creating PostgreSQL data directory {DataDirectory} with {InitDb}", DataDirectory, binaries.InitDb);
        var (command, arguments) = AsServiceUser(binaries.InitDb,
            ["-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={PasswordFile}", "--encoding=UTF8", "--locale=C"]);
        await RunAsync(command, arguments, logger, cancellationToken);
    }

    /// <summary>The command line that runs the server in the foreground, as the right user.</summary>
    public (string Command, IReadOnlyList<string> Arguments) ServerCommand(int port) =>
        AsServiceUser(binaries.Postgres,
        [
            "-D", DataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=localhost",
            // TCP only: the default socket directory may not exist or belong to someone else.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        ]);

    // setpriv replaces itself with the server (no parent process in between), so the app host's
    // orchestrator signals PostgreSQL directly when it stops it.
    private static (string Command, IReadOnlyList<string> Arguments) AsServiceUser(string program, IReadOnlyList<string> arguments) =>
        RunningAsRoot
            ? ("setpriv", [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", program, .. arguments])
            : (program, arguments);

    private async Task GrantServiceUserAccessAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(rootDirectory);
        await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", rootDirectory], logger: null, cancellationToken);

        // The service user must be able to walk down to its directory, e.g. through /root.
        for (var directory = Directory.GetParent(rootDirectory); directory is not null; directory = directory.Parent)
        {
            var mode = File.GetUnixFileMode(directory.FullName);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(directory.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private static async Task RunAsync(string command, IReadOnlyList<string> arguments, ILogger? logger, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (logger is not null)
        {
            logger.LogInformation("{Output}", await output);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed with exit code {process.ExitCode}: {await errors}");
        }
    }
}
