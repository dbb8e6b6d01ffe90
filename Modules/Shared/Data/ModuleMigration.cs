using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ShopIngest.Modules.Shared.Data;

internal interface IModuleMigration
{
    string Schema { get; }

    IReadOnlyList<string> AppendOnlyTables { get; }

    Task ApplyAsync(IServiceProvider services, NpgsqlDataSource owner, CancellationToken cancellationToken);
}

internal sealed class ModuleMigration<TContext>(string schema, IReadOnlyList<string> appendOnlyTables) : IModuleMigration where TContext : ModuleDbContext
{
    public string Schema => schema;

    public IReadOnlyList<string> AppendOnlyTables => appendOnlyTables;

    public async Task ApplyAsync(IServiceProvider services, NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        using var activity = ModuleDatabase.ActivitySource.StartActivity($"migrate {schema}");
        activity?.SetTag("db.namespace", schema);

        var options = (DbContextOptions<TContext>)ModuleDatabase.Configure(new DbContextOptionsBuilder<TContext>(), owner, schema).Options;
        await using var context = ActivatorUtilities.CreateInstance<TContext>(services, options);
        await context.Database.CreateExecutionStrategy()
            .ExecuteAsync(ct => context.Database.MigrateAsync(ct), cancellationToken);
    }
}
