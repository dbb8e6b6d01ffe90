using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

internal sealed class BulkExportConfiguration : IEntityTypeConfiguration<BulkExport>
{
    public void Configure(EntityTypeBuilder<BulkExport> builder)
    {
        builder.ToTable("bulk_exports");
        builder.HasKey(e => new { e.TenantId, e.Resource });
        builder.Property(e => e.Resource).HasMaxLength(16);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.OperationId).HasMaxLength(100);
    }
}
