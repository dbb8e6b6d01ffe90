using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sync.Checkpoints;

internal sealed class SyncCheckpointConfiguration : IEntityTypeConfiguration<SyncCheckpoint>
{
    public void Configure(EntityTypeBuilder<SyncCheckpoint> builder)
    {
        builder.ToTable("checkpoints");
        builder.HasKey(c => new { c.TenantId, c.Resource });
        builder.Property(c => c.Resource).HasMaxLength(16);
    }
}
