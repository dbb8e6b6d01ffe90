using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// Each shop's own moment within the interval, drawn from its tenant id: thousands of shops enrolled at once (a first
/// deployment, a replica's first sweep) are spread evenly over the interval instead of all falling due together, and a
/// shop keeps the same moment wherever and however often it is computed.
/// </summary>
internal static class SchedulePhase
{
    /// <summary>
    /// An offset in [0, <paramref name="interval"/>), uniform over tenants, in whole milliseconds (so that a due time
    /// built on it keeps it exactly in PostgreSQL, which stores microseconds).
    /// </summary>
    public static TimeSpan Of(Guid tenantId, TimeSpan interval)
    {
        // Hashed: tenant ids are version 7 (time-ordered), so their own bytes are far from uniform.
        Span<byte> id = stackalloc byte[16];
        tenantId.TryWriteBytes(id);
        var hash = SHA256.HashData(id);
        var milliseconds = (ulong)Math.Max(1, (long)interval.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(BinaryPrimitives.ReadUInt64LittleEndian(hash) % milliseconds);
    }

    /// <summary>
    /// The first instant at or after <paramref name="now"/> at which the shop's phase comes round, counting intervals from
    /// the Unix epoch; so it is less than one interval away.
    /// </summary>
    public static DateTimeOffset FirstDue(Guid tenantId, DateTimeOffset now, TimeSpan interval)
    {
        var intoInterval = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % interval.Ticks;
        var wait = (Of(tenantId, interval).Ticks - intoInterval + interval.Ticks) % interval.Ticks;
        return now.AddTicks(wait);
    }
}
