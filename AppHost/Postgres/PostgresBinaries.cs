using Microsoft.Extensions.Configuration;

namespace ShopIngest.AppHost.Postgres;

/// <summary>The folder holding <c>initdb</c> and <c>postgres</c>.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");

    public string Postgres => Path.Combine(Directory, "postgres");

    /// <summary>
    /// <c>Postgres:BinDirectory</c> when set, else the PATH, else the newest /usr/lib/postgresql/N/bin
    /// (Debian and Ubuntu keep the server binaries off the PATH).
    /// </summary>
    public static PostgresBinaries? TryFind(IConfiguration configuration)
    {
        var candidates = new List<string>();
        if (configuration["Postgres:BinDirectory"] is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories(debianRoot)
                .Select(version => (version, number: int.TryParse(Path.GetFileName(version), out var n) ? n : 0))
                .OrderByDescending(v => v.number)
                .Select(v => Path.Combine(v.version, "bin")));
        }

        return candidates
            .Select(directory => new PostgresBinaries(directory))
            .FirstOrDefault(b => IsExecutable(b.InitDb) && IsExecutable(b.Postgres) && !IsWrapperScript(b.InitDb));
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    // Debian's /usr/bin holds pg_wrapper links for client tools only; a real initdb is an ELF binary.
    private static bool IsWrapperScript(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) < 4 || magic[0] != 0x7F || magic[1] != (byte)'E';
    }
}
