using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Deletions;

/// <summary>How far a resource's deletions have been followed: Shopify's deletion events, and the last reconciliation.</summary>
internal sealed class DeletionCheckpoint : ITenantOwned
{
    public Guid TenantId { get; init; }

    public required string Resource { get; init; }

    /// <summary>The <c>createdAt</c> of the newest deletion event applied.</summary>
    public DateTimeOffset EventsCursor { get; set; }

    /// <summary>When the last reconciliation began listing Shopify's ids (a first sync counts as one).</summary>
    public DateTimeOffset ReconciledAt { get; set; }

    /// <summary>When a merchant last asked for a reconciliation; the next run reconciles when this is after <see cref="ReconciledAt"/>.</summary>
    public DateTimeOffset? ReconcileRequestedAt { get; set; }
}

internal sealed class DeletionCheckpointConfiguration : IEntityTypeConfiguration<DeletionCheckpoint>
{
    public void Configure(EntityTypeBuilder<DeletionCheckpoint> builder)
    {
        builder.ToTable("deletion_checkpoints");
        builder.HasKey(c => new { c.TenantId, c.Resource });
        builder.Property(c => c.Resource).HasMaxLength(16);
    }
}
