using System.Collections.Concurrent;

namespace ShopIngest.Modules.Sync.Throttling;

/// <summary>
/// Our picture of one shop's leaky bucket, learnt from the <c>throttleStatus</c> of every response: how many points
/// were available when Shopify answered and how fast they come back. Before a query it says exactly how long to
/// wait until the query's requested cost is there, and reserves those points until the query is answered, so that
/// queries of one shop sent side by side wait for each other instead of being throttled: a report from Shopify
/// says nothing yet of the queries still waiting to be sent, so their reservations are kept off it.
/// </summary>
internal sealed class ShopThrottle(TimeProvider time)
{
    private readonly Lock _lock = new();
    private bool _known;
    private double _available;
    private double _maximum;
    private double _restoreRate;
    private long _observedAt;
    private double _outstanding;
    private long _sent;
    private long _reportedFor = long.MinValue;
    private TaskCompletionSource? _probe;

    /// <summary>Whether a response has told us the bucket's state yet.</summary>
    public bool IsKnown
    {
        get
        {
            lock (_lock)
            {
                return _known;
            }
        }
    }

    /// <summary>The bucket's size as Shopify last reported it; null before the first report.</summary>
    public double? MaximumAvailable
    {
        get
        {
            lock (_lock)
            {
                return _known ? _maximum : null;
            }
        }
    }

    /// <summary>
    /// <see cref="Reserve"/>, except that while nothing is known of the bucket one query goes first and the others wait
    /// for its answer: several first queries sent at once could overdraw a bucket we know nothing about.
    /// </summary>
    public async ValueTask<TimeSpan> ReserveAsync(int cost, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task firstAnswer;
            lock (_lock)
            {
                if (_known)
                {
                    return Reserve(cost);
                }

                if (_probe is null)
                {
                    _probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _outstanding += cost;
                    return TimeSpan.Zero;
                }

                firstAnswer = _probe.Task;
            }

            await firstAnswer.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Numbers a query as it is sent, for <see cref="Answered"/> to tell newer reports from older ones.</summary>
    public long Sending() => Interlocked.Increment(ref _sent);

    /// <summary>
    /// The query that reserved <paramref name="cost"/> was answered (or given up): its reservation ends, and a throttle
    /// status, when the answer had one, replaces the picture. A first query answered without one lets another go first.
    /// A status is taken only from a query sent after the one that gave the current picture: answers overtake each
    /// other, and a report made before a later query was charged would promise that query's points twice.
    /// </summary>
    public void Answered(int cost, double? currentlyAvailable = null, double maximumAvailable = 0, double restoreRate = 0, long sentAs = long.MaxValue)
    {
        TaskCompletionSource? probe;
        lock (_lock)
        {
            _outstanding = Math.Max(0, _outstanding - cost);
            if (currentlyAvailable is { } available && sentAs >= _reportedFor)
            {
                _reportedFor = sentAs;
                ObserveLocked(available, maximumAvailable, restoreRate);
            }
            else if (_known)
            {
                return;
            }

            probe = _probe;
            _probe = null;
        }

        probe?.TrySetResult();
    }

    /// <summary>
    /// Takes <paramref name="cost"/> points from the bucket as we picture it and returns how long to wait before
    /// sending: zero when they are there already (or nothing is known yet: the first answer teaches us), else the
    /// time the restore rate needs to bring in the missing points.
    /// </summary>
    public TimeSpan Reserve(int cost)
    {
        lock (_lock)
        {
            if (!_known)
            {
                return TimeSpan.Zero;
            }

            var available = AvailableNow();
            _outstanding += cost;
            if (cost <= available)
            {
                return TimeSpan.Zero;
            }

            return _restoreRate > 0 ? TimeSpan.FromSeconds((cost - available) / _restoreRate) : TimeSpan.Zero;
        }
    }

    /// <summary>Replaces the picture with what Shopify reported, less the points still reserved by queries not yet answered.</summary>
    public void Observe(double currentlyAvailable, double maximumAvailable, double restoreRate)
    {
        TaskCompletionSource? probe;
        lock (_lock)
        {
            ObserveLocked(currentlyAvailable, maximumAvailable, restoreRate);
            probe = _probe;
            _probe = null;
        }

        probe?.TrySetResult();
    }

    /// <summary>What the bucket holds now by our estimate; null when nothing is known yet.</summary>
    public double? EstimatedAvailable()
    {
        lock (_lock)
        {
            return _known ? AvailableNow() : null;
        }
    }

    private void ObserveLocked(double currentlyAvailable, double maximumAvailable, double restoreRate)
    {
        _known = true;
        _available = currentlyAvailable;
        _maximum = maximumAvailable;
        _restoreRate = restoreRate;
        _observedAt = time.GetTimestamp();
    }

    /// <remarks>
    /// The bucket refills only up to its maximum; the points reserved by queries not yet answered are owed against
    /// that capped level. Capping after subtracting them would promise points the bucket can never hold.
    /// </remarks>
    private double AvailableNow()
    {
        var elapsed = time.GetElapsedTime(_observedAt).TotalSeconds;
        return Math.Min(_maximum, _available + (elapsed * _restoreRate)) - _outstanding;
    }
}

/// <summary>One <see cref="ShopThrottle"/> per shop domain for the whole process.</summary>
internal sealed class ShopThrottles(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopThrottle> _shops = new(StringComparer.OrdinalIgnoreCase);

    public ShopThrottle For(string shopDomain) => _shops.GetOrAdd(shopDomain, _ => new ShopThrottle(time));
}
