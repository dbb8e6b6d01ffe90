using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Catalog.Products;
using ShopIngest.Modules.Shared.Data;

namespace ShopIngest.Modules.Catalog.Data;

internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public const string Schema = "catalog";

    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
    }
}

internal sealed class CatalogDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<CatalogDbContext>(CatalogDbContext.Schema, options => new CatalogDbContext(options));
