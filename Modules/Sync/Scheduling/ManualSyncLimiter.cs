using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>A tenant asked for manual syncs more often than allowed; <see cref="RetryAfter"/> says when it may again.</summary>
internal sealed class TooManySyncRequestsException(TimeSpan retryAfter)
    : Exception($"Too many sync requests for this shop; try again in {Math.Ceiling(retryAfter.TotalSeconds):F0} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// At most <see cref="SyncOptions.ManualSyncsPerMinute"/> manual sync requests per tenant and minute on this replica, so
/// one tenant calling in a loop cannot flood the scheduler.
/// </summary>
internal sealed class ManualSyncLimiter(IOptions<SyncOptions> options) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(tenantId =>
        RateLimitPartition.GetFixedWindowLimiter(tenantId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ManualSyncsPerMinute,
            Window = Window,
            QueueLimit = 0,
        }));

    public void Admit(Guid tenantId)
    {
        using var lease = _limiter.AttemptAcquire(tenantId);
        if (!lease.IsAcquired)
        {
            throw new TooManySyncRequestsException(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
