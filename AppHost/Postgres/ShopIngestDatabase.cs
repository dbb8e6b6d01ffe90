using Microsoft.Extensions.Configuration;

namespace ShopIngest.AppHost.Postgres;

internal static class ShopIngestDatabase
{
    public const string Name = "shopingest";

    /// <summary>
    /// The <c>shopingest</c> database in whichever mode this machine allows (see <see cref="PostgresMode"/>).
    /// <c>Postgres:DataDirectory</c> moves the local server's data, e.g. to a throw-away folder for tests.
    /// </summary>
    public static (IResourceBuilder<IResourceWithConnectionString> Database, PostgresMode Mode) AddShopIngestDatabase(this IDistributedApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = PostgresModeSelection.Choose(configuration, Name);
        IResourceBuilder<IResourceWithConnectionString> database = mode switch
        {
            PostgresMode.Container => builder.AddPostgres("postgres")
                .WithDataVolume("shopingest-postgres-data")
                .AddDatabase(Name),
            PostgresMode.Local => builder.AddLocalPostgres(
                    "postgres",
                    PostgresBinaries.TryFind(configuration) ?? throw new PostgresUnavailableException(
                        "Postgres:Mode is local but no PostgreSQL server binaries were found: install them (e.g. `apt-get install postgresql`) or set Postgres:BinDirectory."),
                    configuration["Postgres:DataDirectory"] is { Length: > 0 } directory ? Path.GetFullPath(directory) : LocalPostgresCluster.DefaultRootDirectory)
                .AddDatabase(Name),
            PostgresMode.External => string.IsNullOrWhiteSpace(configuration.GetConnectionString(Name))
                ? throw new PostgresUnavailableException($"Postgres:Mode is external but ConnectionStrings:{Name} is not set.")
                : builder.AddConnectionString(Name),
            _ => throw new PostgresUnavailableException($"Unknown Postgres:Mode {mode}."),
        };
        return (database, mode);
    }
}
