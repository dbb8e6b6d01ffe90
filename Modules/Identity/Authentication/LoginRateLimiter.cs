using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>
/// Slows down a flood of sign-in attempts from one address, counted per Host replica. There is deliberately
/// no limit per email: anyone could use it to keep the merchant out. Guessing one email's password is slowed
/// by <see cref="LoginThrottle"/> instead, per (email, address) and across replicas.
/// </summary>
internal sealed class LoginRateLimiter(IOptions<LoginRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAddressPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may proceed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string clientAddress)
    {
        using var lease = _byAddress.AttemptAcquire(clientAddress);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _byAddress.Dispose();
}
