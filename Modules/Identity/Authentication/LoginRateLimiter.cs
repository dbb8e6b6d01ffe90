using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ShopIngest.Modules.Identity.Authentication;

/// <summary>
/// Slows down password guessing from one address and against one email. Counts are kept per Host
/// replica; the lockout after repeated wrong passwords is kept in the database and holds across replicas.
/// </summary>
internal sealed class LoginRateLimiter(IOptions<LoginRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress = Create(options.Value.PerAddressPerMinute);
    private readonly PartitionedRateLimiter<string> _byEmail = Create(options.Value.PerEmailPerMinute);

    /// <summary>Null when the attempt may proceed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string clientAddress, string normalizedEmail)
    {
        using var address = _byAddress.AttemptAcquire(clientAddress);
        using var email = _byEmail.AttemptAcquire(normalizedEmail);
        if (address.IsAcquired && email.IsAcquired)
        {
            return null;
        }

        var retryAfter = (address.IsAcquired ? email : address).TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return retryAfter;
    }

    private static PartitionedRateLimiter<string> Create(int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public void Dispose()
    {
        _byAddress.Dispose();
        _byEmail.Dispose();
    }
}
