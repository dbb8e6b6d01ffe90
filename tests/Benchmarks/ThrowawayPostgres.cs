using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ShopIngest.Benchmarks;

/// <summary>
/// A PostgreSQL server in a temporary directory for the length of the benchmark (trust authentication on localhost);
/// as root, it runs as the postgres user, which PostgreSQL requires.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly Process _server;

    private ThrowawayPostgres(string root, Process server, int port)
    {
        _root = root;
        _server = server;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password=benchmark;Database=shopingest;Maximum Pool Size=100";
    }

    public string ConnectionString { get; }

    /// <summary>The postmaster (setpriv replaces itself with it).</summary>
    public int ServerProcessId => _server.Id;

    public static async Task<ThrowawayPostgres> StartAsync(bool trackStatements = false)
    {
        var binaries = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin"))
            .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql: install them with `apt-get install -y postgresql`, or pass --connection.");
        var root = Path.Combine(Path.GetTempPath(), $"shopingest-benchmark-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", root]);
        }

        var data = Path.Combine(root, "data");
        await RunAsync(AsServer(asRoot, Path.Combine(binaries, "initdb")), [.. ServerArgs(asRoot, Path.Combine(binaries, "initdb")), "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo(AsServer(asRoot, Path.Combine(binaries, "postgres")))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }.WithArguments([.. ServerArgs(asRoot, Path.Combine(binaries, "postgres")), "-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
            "-c", "shared_buffers=512MB", "-c", "synchronous_commit=on",
            .. trackStatements ? ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all"] : Array.Empty<string>()]))!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var postgres = new ThrowawayPostgres(root, server, port);
        await postgres.CreateDatabaseAsync();
        return postgres;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task CreateDatabaseAsync()
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand("CREATE DATABASE shopingest", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (Exception e) when (attempt < 50 && e is Npgsql.NpgsqlException or SocketException)
            {
                // The server is still starting.
                await Task.Delay(200);
            }
        }
    }

    private static string AsServer(bool asRoot, string program) => asRoot ? "setpriv" : program;

    /// <summary>What goes before the program's own arguments: as root, setpriv's, then the program itself.</summary>
    private static string[] ServerArgs(bool asRoot, string program) => asRoot ? ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program] : [];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true }.WithArguments(arguments))!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {errors}");
        }
    }
}

internal static class ProcessStartInfoExtensions
{
    public static ProcessStartInfo WithArguments(this ProcessStartInfo info, IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
