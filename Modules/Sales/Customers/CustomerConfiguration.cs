using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sales.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => new { c.TenantId, c.ShopifyId });
        builder.Property(c => c.ShopifyId).ValueGeneratedNever();
        // Unconstrained numeric: exact, and wide enough for currencies with three decimals.
        builder.Property(c => c.AmountSpent).HasColumnType("numeric");
        // Top customers read the first N entries of this index, in this order.
        builder.HasIndex(c => new { c.TenantId, c.AmountSpent, c.NumberOfOrders, c.ShopifyId })
            .IsDescending(false, true, true, false)
            .HasDatabaseName("ix_customers_top");
        builder.HasIndex(c => new { c.TenantId, c.DisplayName, c.ShopifyId });
        builder.HasIndex(c => new { c.TenantId, c.UpdatedAt, c.ShopifyId });
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt, c.ShopifyId });
    }
}
