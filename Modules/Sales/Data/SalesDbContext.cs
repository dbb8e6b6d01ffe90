using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Deletions;
using ShopIngest.Modules.Sales.Orders;
using ShopIngest.Modules.Sales.Privacy;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Data;

internal sealed class SalesDbContext(DbContextOptions<SalesDbContext> options, ITenantContext tenant)
    : ModuleDbContext(options, tenant, Schema)
{
    public const string Schema = "sales";

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLineItem> OrderLineItems => Set<OrderLineItem>();

    public DbSet<DailySales> DailySales => Set<DailySales>();

    public DbSet<TenantTotals> TenantTotals => Set<TenantTotals>();

    public DbSet<Tombstone> Tombstones => Set<Tombstone>();

    public DbSet<Redaction> Redactions => Set<Redaction>();

    public DbSet<DataRequest> DataRequests => Set<DataRequest>();
}

internal sealed class SalesDesignTimeDbContextFactory()
    : ModuleDesignTimeDbContextFactory<SalesDbContext>(SalesDbContext.Schema, (options, tenant) => new SalesDbContext(options, tenant));
