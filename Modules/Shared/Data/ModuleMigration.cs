using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ShopIngest.Modules.Shared.Data;

internal interface IModuleMigration
{
    Task ApplyAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class ModuleMigration<TContext>(string schema) : IModuleMigration where TContext : DbContext
{
    public async Task ApplyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var activity = ModuleDatabase.ActivitySource.StartActivity($"migrate {schema}");
        activity?.SetTag("db.namespace", schema);

        var context = services.GetRequiredService<TContext>();
        await context.Database.CreateExecutionStrategy()
            .ExecuteAsync(ct => context.Database.MigrateAsync(ct), cancellationToken);
    }
}
