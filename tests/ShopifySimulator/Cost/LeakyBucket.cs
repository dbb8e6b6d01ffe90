using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Cost;

/// <summary>
/// Shopify's per-shop leaky bucket: a query takes its requested cost up front, the bucket refills
/// continuously at the restore rate, and after execution the difference between requested and
/// actual cost is given back. Time comes from the injected <see cref="TimeProvider"/> so tests can
/// move it instead of sleeping.
/// </summary>
internal sealed class LeakyBucket
{
    private readonly ThrottleSettings _settings;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _available;
    private long _lastRefill;

    public LeakyBucket(ThrottleSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _available = settings.MaximumAvailable;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>Takes <paramref name="cost"/> points if they are available; otherwise takes nothing.</summary>
    public bool TryTake(int cost, out ThrottleStatus status)
    {
        lock (_lock)
        {
            Refill();
            var taken = !_settings.Enabled || cost <= _available;
            if (taken && _settings.Enabled)
            {
                _available -= cost;
            }

            status = Status();
            return taken;
        }
    }

    /// <summary>Gives back the points a query requested but did not use.</summary>
    public ThrottleStatus Refund(int points)
    {
        lock (_lock)
        {
            Refill();
            if (_settings.Enabled)
            {
                _available = Math.Min(_settings.MaximumAvailable, _available + points);
            }

            return Status();
        }
    }

    public ThrottleStatus Current()
    {
        lock (_lock)
        {
            Refill();
            return Status();
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now);
        _lastRefill = now;
        _available = Math.Min(_settings.MaximumAvailable, _available + (elapsed.TotalSeconds * _settings.RestoreRate));
    }

    private ThrottleStatus Status() => new(
        _settings.MaximumAvailable,
        _settings.Enabled ? (int)Math.Floor(_available) : (int)_settings.MaximumAvailable,
        _settings.RestoreRate);
}

/// <summary>The <c>throttleStatus</c> part of <c>extensions.cost</c>.</summary>
internal readonly record struct ThrottleStatus(double MaximumAvailable, int CurrentlyAvailable, double RestoreRate);
