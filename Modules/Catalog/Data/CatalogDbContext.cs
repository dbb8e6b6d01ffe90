using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Catalog.Deletions;
using ShopIngest.Modules.Catalog.Products;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Catalog.Data;

internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options, ITenantContext tenant)
    : ModuleDbContext(options, tenant, Schema)
{
    public const string Schema = "catalog";

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductVariant> ProductVariants => Set<ProductVariant>();

    public DbSet<ProductTombstone> Tombstones => Set<ProductTombstone>();
}

internal sealed class CatalogDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<CatalogDbContext>(CatalogDbContext.Schema, (options, tenant) => new CatalogDbContext(options, tenant));
