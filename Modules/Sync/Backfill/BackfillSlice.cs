using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Backfill;

/// <summary>
/// A stretch of a resource's history, <c>updatedAt</c> in [<see cref="StartsAt"/>, <see cref="EndsAt"/>), that a first
/// sync walks side by side with the others. It keeps its own progress, so a stopped sync resumes every slice where its
/// last write ended; it is deleted by the write that finishes it.
/// </summary>
internal sealed class BackfillSlice : ITenantOwned
{
    public Guid TenantId { get; init; }

    public required string Resource { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    /// <summary>Where the slice ends; the newest slice has no end, so it also takes what changes while the sync runs.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The greatest <c>updatedAt</c> stored from this slice.</summary>
    public DateTimeOffset? Cursor { get; set; }
}
