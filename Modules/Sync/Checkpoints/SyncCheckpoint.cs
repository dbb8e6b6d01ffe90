using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Checkpoints;

/// <summary>How far the sync of one resource of one tenant has come.</summary>
internal sealed class SyncCheckpoint : ITenantOwned
{
    public Guid TenantId { get; init; }

    public required string Resource { get; init; }

    /// <summary>The greatest Shopify <c>updatedAt</c> stored for this resource.</summary>
    public DateTimeOffset? Cursor { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
