using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Sales.Customers;
using ShopIngest.Modules.Sales.Orders;

namespace ShopIngest.Modules.Sales.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => new { c.TenantId, c.ShopifyId });
        builder.Property(c => c.ShopifyId).ValueGeneratedNever();
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.HasKey(o => new { o.TenantId, o.ShopifyId });
        builder.Property(o => o.ShopifyId).ValueGeneratedNever();
        builder.Property(o => o.CurrentTotalPrice).HasPrecision(18, 2);
        builder.HasIndex(o => new { o.TenantId, o.ProcessedAt });
    }
}
