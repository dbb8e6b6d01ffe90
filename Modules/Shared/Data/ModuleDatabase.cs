using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ShopIngest.Modules.Shared.Configuration;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// The one PostgreSQL database every module shares, each in its own schema: the runtime data source
/// (row-level security applies), the owner's data source for migrations, and the tenant of the scope.
/// </summary>
public static class ModuleDatabase
{
    public const string ConnectionName = "shopingest";

    internal static readonly ActivitySource ActivitySource = new("ShopIngest.Migrations");

    /// <param name="builder">The host the module is added to.</param>
    /// <param name="schema">The module's schema.</param>
    /// <param name="appendOnlyTables">Tables of the schema the runtime role may read and add to, but never change or empty.</param>
    public static IHostApplicationBuilder AddModuleDbContext<TContext>(this IHostApplicationBuilder builder, string schema, params string[] appendOnlyTables)
        where TContext : ModuleDbContext
    {
        builder.AddSharedDatabase();
        builder.Services.AddDbContext<TContext>((services, options) => Configure(options, services.GetRequiredService<NpgsqlDataSource>(), schema)
            .AddInterceptors(services.GetRequiredService<TenantConnectionInterceptor>()));
        builder.Services.AddSingleton<IModuleMigration>(new ModuleMigration<TContext>(schema, appendOnlyTables));
        return builder;
    }

    private static void AddSharedDatabase(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(OwnerDataSource)))
        {
            return;
        }

        var ownerConnectionString = OwnerConnectionString(builder.Configuration);

        builder.Services.AddSingleton(new OwnerDataSource(NpgsqlDataSource.Create(ownerConnectionString), new NpgsqlConnectionStringBuilder(ownerConnectionString).Password));
        builder.AddNpgsqlDataSource(ConnectionName, settings => settings.ConnectionString = RuntimeRole.ConnectionStringFor(ownerConnectionString));
        builder.Services.AddScoped<ITenantContext, TenantContext>();
        builder.Services.AddScoped<TenantConnectionInterceptor>();
    }

    /// <summary>
    /// <c>ConnectionStrings:shopingest</c> when it is set (the app host sets it), else the connection string of
    /// <c>DATABASE_URL</c>, as the seed service and most platforms give it.
    /// </summary>
    internal static string OwnerConnectionString(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionName) is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (configuration[DatabaseUrl.Variable] is { } url && !string.IsNullOrWhiteSpace(url))
        {
            return DatabaseUrl.ToConnectionString(url);
        }

        throw new InvalidSettingException(
            $"Neither ConnectionStrings:{ConnectionName} nor {DatabaseUrl.Variable} is set: point one of them at the PostgreSQL database (the app host sets the first).");
    }

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, string schema) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history", schema)
                .EnableRetryOnFailure())
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// As the owner: creates the runtime role, applies every module's pending migrations (each inside its
    /// execution strategy, traced), and grants the runtime role what it needs on each module's schema.
    /// </summary>
    public static async Task MigrateModuleDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var (owner, ownerPassword) = services.GetRequiredService<OwnerDataSource>();
        await RuntimeRole.EnsureExistsAsync(owner, RuntimeRole.PasswordFor(ownerPassword), cancellationToken);

        await using var scope = services.CreateAsyncScope();
        foreach (var migration in scope.ServiceProvider.GetServices<IModuleMigration>())
        {
            await migration.ApplyAsync(scope.ServiceProvider, owner, cancellationToken);
            await RuntimeRole.GrantAccessAsync(owner, migration.Schema, migration.AppendOnlyTables, cancellationToken);
        }
    }
}

/// <summary>Connections as the database owner: for migrations only, never for serving requests.</summary>
/// <remarks>The password is kept aside because a data source does not give it back once connected.</remarks>
internal sealed record OwnerDataSource(NpgsqlDataSource DataSource, string? Password);
