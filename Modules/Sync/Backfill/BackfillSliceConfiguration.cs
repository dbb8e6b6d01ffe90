using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sync.Backfill;

internal sealed class BackfillSliceConfiguration : IEntityTypeConfiguration<BackfillSlice>
{
    public void Configure(EntityTypeBuilder<BackfillSlice> builder)
    {
        builder.ToTable("backfill_slices");
        builder.HasKey(s => new { s.TenantId, s.Resource, s.StartsAt });
        builder.Property(s => s.Resource).HasMaxLength(16);
    }
}
