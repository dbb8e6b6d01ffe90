using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// Registers a module's DbContext on the one shared PostgreSQL data source, in the module's own schema,
/// with its migrations history kept in that schema too.
/// </summary>
public static class ModuleDatabase
{
    public const string ConnectionName = "shopingest";

    internal static readonly ActivitySource ActivitySource = new("ShopIngest.Migrations");

    public static IHostApplicationBuilder AddModuleDbContext<TContext>(this IHostApplicationBuilder builder, string schema)
        where TContext : DbContext
    {
        if (!builder.Services.Any(s => s.ServiceType == typeof(NpgsqlDataSource)))
        {
            builder.AddNpgsqlDataSource(ConnectionName);
        }

        builder.Services.AddDbContext<TContext>((services, options) =>
            Configure(options, services.GetRequiredService<NpgsqlDataSource>(), schema));
        builder.Services.AddSingleton<IModuleMigration>(new ModuleMigration<TContext>(schema));
        return builder;
    }

    internal static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, string schema) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history", schema)
                .EnableRetryOnFailure())
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Applies every module's pending migrations, each inside its execution strategy and traced.
    /// </summary>
    public static async Task MigrateModuleDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var migration in scope.ServiceProvider.GetServices<IModuleMigration>())
        {
            await migration.ApplyAsync(scope.ServiceProvider, cancellationToken);
        }
    }
}
