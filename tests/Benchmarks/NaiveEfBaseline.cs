using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ShopIngest.Benchmarks;

/// <summary>
/// The seed's way of writing what it fetched: one record at a time through EF Core change tracking, a lookup and a
/// SaveChanges per record. It copies records the real path synced for one tenant into a new tenant, so both write
/// the same data; fetching is not timed here, which flatters the baseline.
/// </summary>
internal static class NaiveEfBaseline
{
    public static async Task<(long Records, TimeSpan Elapsed)> RunAsync(string ownerConnectionString, Guid fromTenant, int maxRecordsPerResource)
    {
        List<Product> products;
        List<Customer> customers;
        List<Order> orders;
        await using (var source = await ContextForAsync(ownerConnectionString, fromTenant))
        {
            products = await source.Products.AsNoTracking().Include(p => p.Variants).OrderBy(p => p.ShopifyId).Take(maxRecordsPerResource).ToListAsync();
            customers = await source.Customers.AsNoTracking().OrderBy(c => c.ShopifyId).Take(maxRecordsPerResource).ToListAsync();
            orders = await source.Orders.AsNoTracking().Include(o => o.LineItems).OrderBy(o => o.ShopifyId).Take(maxRecordsPerResource).ToListAsync();
        }

        // Measured warm, as the real path is: EF Core's model and compiled queries are built by a first, untimed pass.
        const int WarmUpRecords = 100;
        await WriteAsync(ownerConnectionString, [.. products.Take(WarmUpRecords)], [.. customers.Take(WarmUpRecords)], [.. orders.Take(WarmUpRecords)]);
        return (products.Count + customers.Count + orders.Count, await WriteAsync(ownerConnectionString, products, customers, orders));
    }

    /// <summary>Writes the records into a new tenant, one at a time; returns how long that took.</summary>
    private static async Task<TimeSpan> WriteAsync(string ownerConnectionString, List<Product> products, List<Customer> customers, List<Order> orders)
    {
        var toTenant = Guid.NewGuid();
        await using var target = await ContextForAsync(ownerConnectionString, toTenant);
        foreach (var product in products)
        {
            product.TenantId = toTenant;
            product.Variants.ForEach(v => v.TenantId = toTenant);
        }

        customers.ForEach(c => c.TenantId = toTenant);
        foreach (var order in orders)
        {
            order.TenantId = toTenant;
            order.LineItems.ForEach(l => l.TenantId = toTenant);
        }

        var clock = Stopwatch.StartNew();
        await UpsertEachAsync(target, products, p => target.Products.Include(s => s.Variants).FirstOrDefaultAsync(s => s.TenantId == toTenant && s.ShopifyId == p.ShopifyId));
        await UpsertEachAsync(target, customers, c => target.Customers.FirstOrDefaultAsync(s => s.TenantId == toTenant && s.ShopifyId == c.ShopifyId));
        await UpsertEachAsync(target, orders, o => target.Orders.Include(s => s.LineItems).FirstOrDefaultAsync(s => s.TenantId == toTenant && s.ShopifyId == o.ShopifyId));
        return clock.Elapsed;
    }

    /// <summary>Per record: look it up, insert or update it, save.</summary>
    private static async Task UpsertEachAsync<T>(BaselineContext context, IEnumerable<T> records, Func<T, Task<T?>> findStored) where T : class
    {
        foreach (var record in records)
        {
            if (await findStored(record) is { } stored)
            {
                context.Entry(stored).CurrentValues.SetValues(record);
            }
            else
            {
                context.Add(record);
            }

            await context.SaveChangesAsync();
            context.ChangeTracker.Clear();
        }
    }

    /// <summary>A context on a connection bound to one tenant for its whole session (row-level security is forced).</summary>
    private static async Task<BaselineContext> ContextForAsync(string ownerConnectionString, Guid tenantId)
    {
        var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection))
        {
            command.Parameters.AddWithValue("tenant", tenantId.ToString());
            await command.ExecuteNonQueryAsync();
        }

        var options = new DbContextOptionsBuilder<BaselineContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options;
        return new BaselineContext(options, connection);
    }

    internal sealed class BaselineContext(DbContextOptions<BaselineContext> options, NpgsqlConnection connection) : DbContext(options)
    {
        public DbSet<Product> Products => Set<Product>();

        public DbSet<Customer> Customers => Set<Customer>();

        public DbSet<Order> Orders => Set<Order>();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await connection.DisposeAsync();
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Product>(product =>
            {
                product.ToTable("products", "catalog").HasKey(p => new { p.TenantId, p.ShopifyId });
                product.HasMany(p => p.Variants).WithOne()
                    .HasForeignKey(v => new { v.TenantId, v.ProductShopifyId }).HasPrincipalKey(p => new { p.TenantId, p.ShopifyId });
            });
            modelBuilder.Entity<Variant>().ToTable("product_variants", "catalog").HasKey(v => new { v.TenantId, v.ShopifyId });
            modelBuilder.Entity<Customer>().ToTable("customers", "sales").HasKey(c => new { c.TenantId, c.ShopifyId });
            modelBuilder.Entity<Order>(order =>
            {
                order.ToTable("orders", "sales").HasKey(o => new { o.TenantId, o.ShopifyId });
                order.HasMany(o => o.LineItems).WithOne()
                    .HasForeignKey(l => new { l.TenantId, l.OrderShopifyId }).HasPrincipalKey(o => new { o.TenantId, o.ShopifyId });
            });
            modelBuilder.Entity<LineItem>().ToTable("order_line_items", "sales").HasKey(l => new { l.TenantId, l.OrderShopifyId, l.ShopifyId });
        }
    }

    internal sealed class Product
    {
        public Guid TenantId { get; set; }
        public long ShopifyId { get; set; }
        public string Title { get; set; } = "";
        public string Handle { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Vendor { get; set; }
        public string? ProductType { get; set; }
        public string[] Tags { get; set; } = [];
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset SyncedAt { get; set; }
        public List<Variant> Variants { get; set; } = [];
    }

    internal sealed class Variant
    {
        public Guid TenantId { get; set; }
        public long ShopifyId { get; set; }
        public long ProductShopifyId { get; set; }
        public string? Title { get; set; }
        public string? Sku { get; set; }
        public decimal Price { get; set; }
        public decimal? CompareAtPrice { get; set; }
        public int? InventoryQuantity { get; set; }
    }

    internal sealed class Customer
    {
        public Guid TenantId { get; set; }
        public long ShopifyId { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string DisplayName { get; set; } = "";
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? City { get; set; }
        public string? Province { get; set; }
        public string? Country { get; set; }
        public string? CountryCode { get; set; }
        public decimal AmountSpent { get; set; }
        public string? AmountSpentCurrency { get; set; }
        public long NumberOfOrders { get; set; }
        public string[] Tags { get; set; } = [];
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset SyncedAt { get; set; }
    }

    internal sealed class Order
    {
        public Guid TenantId { get; set; }
        public long ShopifyId { get; set; }
        public string Name { get; set; } = "";
        public string? Email { get; set; }
        public long? CustomerShopifyId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset ProcessedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? CancelledAt { get; set; }
        public string? CancelReason { get; set; }
        public bool Test { get; set; }
        public string? DisplayFinancialStatus { get; set; }
        public string? DisplayFulfillmentStatus { get; set; }
        public string CurrencyCode { get; set; } = "";
        public decimal TotalPrice { get; set; }
        public decimal? SubtotalPrice { get; set; }
        public decimal CurrentTotalPrice { get; set; }
        public decimal TotalRefunded { get; set; }
        public string? PresentmentCurrencyCode { get; set; }
        public decimal? PresentmentCurrentTotalPrice { get; set; }
        public DateTimeOffset SyncedAt { get; set; }
        public List<LineItem> LineItems { get; set; } = [];
    }

    internal sealed class LineItem
    {
        public Guid TenantId { get; set; }
        public long ShopifyId { get; set; }
        public long OrderShopifyId { get; set; }
        public string Title { get; set; } = "";
        public int Quantity { get; set; }
        public string? Sku { get; set; }
        public long? VariantShopifyId { get; set; }
        public long? ProductShopifyId { get; set; }
        public decimal OriginalUnitPrice { get; set; }
    }
}
