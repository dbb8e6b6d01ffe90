using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace ShopIngest.Modules.Shared.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a module's DbContext without starting the Host:
/// migrations are generated from the model alone, so no server is contacted.
/// </summary>
public abstract class ModuleDesignTimeDbContextFactory<TContext>(string schema, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var dataSource = NpgsqlDataSource.Create("Host=localhost;Database=shopingest");
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabase.Configure(options, dataSource, schema);
        return create(options.Options);
    }
}
