using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sales.Analytics;

internal sealed class DailySalesConfiguration : IEntityTypeConfiguration<DailySales>
{
    public void Configure(EntityTypeBuilder<DailySales> builder)
    {
        builder.HasKey(d => new { d.TenantId, d.Day });
        builder.Property(d => d.Revenue).HasColumnType("numeric");
        builder.Property(d => d.GrossRevenue).HasColumnType("numeric");
    }
}

internal sealed class TenantTotalsConfiguration : IEntityTypeConfiguration<TenantTotals>
{
    public void Configure(EntityTypeBuilder<TenantTotals> builder)
    {
        builder.HasKey(t => t.TenantId);
    }
}
