namespace ShopIngest.TestSupport;

internal static class PostgresPrerequisite
{
    /// <summary>
    /// The app host runs a real PostgreSQL server; without its binaries the tests fail, saying what to install,
    /// rather than skip.
    /// </summary>
    public static void EnsureServerBinariesInstalled()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres")));
        var underDebianRoot = Directory.Exists("/usr/lib/postgresql")
            && Directory.GetDirectories("/usr/lib/postgresql").Any(version => File.Exists(Path.Combine(version, "bin", "initdb")));

        if (!onPath && !underDebianRoot)
        {
            throw new InvalidOperationException(
                "The PostgreSQL server binaries (initdb, postgres) are missing: install them with `apt-get install -y postgresql`.");
        }
    }
}
