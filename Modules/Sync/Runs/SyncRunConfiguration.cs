using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sync.Runs;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.ToTable("runs");
        builder.HasKey(r => new { r.TenantId, r.Id });
        builder.Property(r => r.Resource).HasMaxLength(16);
        builder.Property(r => r.Trigger).HasMaxLength(16);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.Notice).HasMaxLength(2000);
        builder.Property(r => r.Mode).HasMaxLength(8).HasDefaultValue(RunMode.Paged);
        builder.Property(r => r.BulkOperationId).HasMaxLength(100);
        builder.Property(r => r.BulkStatus).HasMaxLength(16);
        builder.Property(r => r.RecordsDeleted).HasDefaultValue(0L);
        builder.Property(r => r.Node).HasMaxLength(100);

        // Newest first, for the run history and each resource's last run.
        builder.HasIndex(r => new { r.TenantId, r.RequestedAt, r.Id }).IsDescending(false, true, true);
        builder.HasIndex(r => new { r.TenantId, r.Resource, r.RequestedAt }).IsDescending(false, false, true);

        // At most one manual run per resource waits to start: a repeated request gets that one back.
        builder.HasIndex(r => new { r.TenantId, r.Resource }).IsUnique().HasFilter(SyncRunStore.WaitingManualRun).HasDatabaseName("ix_runs_one_waiting_manual_run");
    }
}
