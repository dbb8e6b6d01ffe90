using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a module's DbContext without starting the Host:
/// migrations are generated from the model alone, so no server is contacted.
/// </summary>
public abstract class ModuleDesignTimeDbContextFactory<TContext>(string schema, Func<DbContextOptions<TContext>, ITenantContext, TContext> create)
    : IDesignTimeDbContextFactory<TContext> where TContext : ModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var dataSource = NpgsqlDataSource.Create("Host=localhost;Database=shopingest");
        var options = (DbContextOptions<TContext>)ModuleDatabase.Configure(new DbContextOptionsBuilder<TContext>(), dataSource, schema).Options;
        return create(options, new TenantContext());
    }
}
