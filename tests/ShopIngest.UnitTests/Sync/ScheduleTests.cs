using System.ComponentModel.DataAnnotations;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.UnitTests.Sync;

public sealed class ScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    /// <summary>Tenant ids as the Identity module makes them (version 7), from a fixed seed so every run sees the same ones.</summary>
    private static List<Guid> Tenants(int count)
    {
        var random = new Random(17);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            // Signed up one second apart, as a burst of sign-ups would be: the ids' leading bytes barely differ.
            var bytes = Guid.CreateVersion7(start.AddSeconds(i)).ToByteArray();
            random.NextBytes(bytes.AsSpan(10));
            return new Guid(bytes);
        })];
    }

    [Fact]
    public void A_shops_phase_is_the_same_however_often_it_is_computed_and_lies_within_the_interval()
    {
        foreach (var tenant in Tenants(200))
        {
            var phase = SchedulePhase.Of(tenant, Interval);
            Assert.Equal(phase, SchedulePhase.Of(tenant, Interval));
            Assert.InRange(phase, TimeSpan.Zero, Interval - TimeSpan.FromTicks(1));
        }
    }

    [Fact]
    public void Thousands_of_shops_signed_up_together_are_spread_evenly_over_the_interval()
    {
        var buckets = new int[10];
        foreach (var tenant in Tenants(10_000))
        {
            buckets[(int)(SchedulePhase.Of(tenant, Interval).Ticks * 10 / Interval.Ticks)]++;
        }

        // 1,000 expected in each tenth of the interval; a uniform draw stays well within ±15 %.
        Assert.All(buckets, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void A_shop_enrolled_now_is_first_due_at_its_phase_less_than_one_interval_away()
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 7, TimeSpan.Zero).AddTicks(1234);
        foreach (var tenant in Tenants(200))
        {
            var due = SchedulePhase.FirstDue(tenant, now, Interval);

            Assert.InRange(due, now, now + Interval - TimeSpan.FromTicks(1));
            var offsetInInterval = TimeSpan.FromTicks((due - DateTimeOffset.UnixEpoch).Ticks % Interval.Ticks);
            Assert.Equal(SchedulePhase.Of(tenant, Interval), offsetInInterval);
        }
    }

    [Fact]
    public void Enrolled_a_moment_later_a_shop_keeps_the_same_due_time_until_that_time_has_passed()
    {
        var tenant = Tenants(1)[0];
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var due = SchedulePhase.FirstDue(tenant, now, Interval);

        Assert.Equal(due, SchedulePhase.FirstDue(tenant, now + ((due - now) / 2), Interval));
        Assert.Equal(due, SchedulePhase.FirstDue(tenant, due, Interval));
        Assert.Equal(due + Interval, SchedulePhase.FirstDue(tenant, due + TimeSpan.FromTicks(1), Interval));
    }

    [Fact]
    public void First_syncs_take_only_their_share_of_the_slots_and_incremental_syncs_try_the_others_first()
    {
        var options = new SyncOptions { MaxConcurrentTenants = 8 };
        var slot = Enumerable.Range(0, 8).Select(TenantLock.SlotKey).ToArray();

        Assert.Equal(slot[..4], TenantLock.SlotsFor(firstSync: true, options));
        Assert.Equal([.. slot[4..], .. slot[..4]], TenantLock.SlotsFor(firstSync: false, options));
        Assert.Equal(slot, TenantLock.AllSlots(options));
    }

    [Theory]
    [InlineData(1, null, 1)]
    [InlineData(2, null, 1)]
    [InlineData(5, null, 2)]
    [InlineData(8, 3, 3)]
    public void First_syncs_may_hold_half_of_the_slots_unless_told_otherwise_and_at_least_one(int slots, int? firstSyncs, int expected)
    {
        var options = new SyncOptions { MaxConcurrentTenants = slots, MaxConcurrentFirstSyncs = firstSyncs };

        Assert.Equal(expected, TenantLock.SlotsFor(firstSync: true, options).Length);
        Assert.Equal(slots, TenantLock.SlotsFor(firstSync: false, options).Length);
    }

    [Fact]
    public void More_first_sync_slots_than_slots_is_refused_at_start_up_with_both_settings_named()
    {
        var options = new SyncOptions { MaxConcurrentTenants = 4, MaxConcurrentFirstSyncs = 5 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        var message = Assert.Single(results).ErrorMessage!;
        Assert.Contains("Sync:MaxConcurrentFirstSyncs", message, StringComparison.Ordinal);
        Assert.Contains("Sync:MaxConcurrentTenants", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_is_named_by_its_machine_and_process_unless_configured()
    {
        Assert.Equal("web-7-4242", SyncNode.DefaultId("web-7", 4242));
        Assert.Equal("replica-b", SyncNode.IdFor(new SyncOptions { NodeId = "replica-b" }));
        Assert.Equal(100, SyncNode.DefaultId(new string('m', 150), 1).Length);
    }
}
