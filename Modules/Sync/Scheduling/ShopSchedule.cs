using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// When a shop's scheduled sync is due, across all replicas. Scheduler state, not shop data: like Quartz's tables it
/// has no row-level security, since every replica's sweep reads all of it; it is read for one shop only with that
/// shop's id from the caller's token.
/// </summary>
internal sealed class ShopSchedule
{
    public Guid TenantId { get; init; }

    /// <summary>The promise: the last scheduled start plus <see cref="SyncOptions.Interval"/> (at enrolment, the shop's phase).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>
    /// When a sweep may claim the shop again: its due time, or a few sweeps after a claim that has not started it (the
    /// shop was still syncing, or the replica died between claiming and starting).
    /// </summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When its last scheduled sync started; null before the first.</summary>
    public DateTimeOffset? LastStartedAt { get; set; }

    /// <summary>The replica (<see cref="SyncNode"/>) that started it.</summary>
    public string? LastNode { get; set; }
}

internal sealed class ShopScheduleConfiguration : IEntityTypeConfiguration<ShopSchedule>
{
    public void Configure(EntityTypeBuilder<ShopSchedule> builder)
    {
        builder.ToTable("shop_schedules");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.LastNode).HasMaxLength(100);

        // The sweep walks the due shops stalest first.
        builder.HasIndex(s => s.DueAt);
    }
}
