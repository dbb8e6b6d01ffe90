using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Sales.Data;

internal sealed class SalesDbContext(DbContextOptions<SalesDbContext> options) : DbContext(options)
{
    public const string Schema = "sales";

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SalesDbContext).Assembly);
    }
}

internal sealed class SalesDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<SalesDbContext>(SalesDbContext.Schema, options => new SalesDbContext(options));
