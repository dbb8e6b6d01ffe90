using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sales.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.HasKey(o => new { o.TenantId, o.ShopifyId });
        builder.Property(o => o.ShopifyId).ValueGeneratedNever();
        // Unconstrained numeric: exact, and wide enough for currencies with three decimals.
        builder.Property(o => o.TotalPrice).HasColumnType("numeric");
        builder.Property(o => o.SubtotalPrice).HasColumnType("numeric");
        builder.Property(o => o.CurrentTotalPrice).HasColumnType("numeric");
        builder.Property(o => o.TotalRefunded).HasColumnType("numeric");
        builder.Property(o => o.PresentmentCurrentTotalPrice).HasColumnType("numeric");
        // The shopify_id suffix makes each index serve keyset pagination on that sort key too.
        builder.HasIndex(o => new { o.TenantId, o.ProcessedAt, o.ShopifyId });
        builder.HasIndex(o => new { o.TenantId, o.UpdatedAt, o.ShopifyId });
    }
}

internal sealed class OrderLineItemConfiguration : IEntityTypeConfiguration<OrderLineItem>
{
    public void Configure(EntityTypeBuilder<OrderLineItem> builder)
    {
        // Keyed under its order: a line item never moves to another order, and the one index then serves both the
        // upsert and reading an order's items, so each ingested item costs one index entry instead of two.
        builder.HasKey(l => new { l.TenantId, l.OrderShopifyId, l.ShopifyId });
        builder.Property(l => l.ShopifyId).ValueGeneratedNever();
        builder.Property(l => l.OriginalUnitPrice).HasColumnType("numeric");
    }
}
