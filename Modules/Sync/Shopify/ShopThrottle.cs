using System.Collections.Concurrent;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>A query's place in its shop's line: its reservation, and how long to wait before asking again.</summary>
internal readonly record struct ThrottleTicket(long Id, TimeSpan Wait);

/// <summary>
/// Our picture of one shop's leaky bucket, learnt from the <c>throttleStatus</c> of every response: how many points
/// were available when Shopify answered and how fast they come back. Before a query it says how long to wait until
/// the query's requested cost is there, and reserves those points until the query is answered, so that queries of one
/// shop sent side by side wait for each other instead of being throttled: a report from Shopify says nothing yet of
/// the queries still waiting to be sent, so their reservations are kept off it. Queries are served in the order they
/// reserved; a query that has waited asks again before it is sent, because the bucket may have sat full (and wasted
/// its refill) while queries ahead of it waited longer than foreseen.
/// </summary>
internal sealed class ShopThrottle(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<Reservation> _reservations = [];
    private bool _known;
    private double _available;
    private double _maximum;
    private double _restoreRate;
    private long _observedAt;
    private long _tickets;
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
    public async ValueTask<ThrottleTicket> ReserveAsync(int cost, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task firstAnswer;
            lock (_lock)
            {
                if (_known)
                {
                    return ReserveLocked(cost);
                }

                if (_probe is null)
                {
                    _probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    return ReserveLocked(cost);
                }

                firstAnswer = _probe.Task;
            }

            await firstAnswer.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Takes <paramref name="cost"/> points from the bucket as we picture it and says how long to wait before sending:
    /// zero when they are there already (or nothing is known yet: the first answer teaches us), else the time the
    /// restore rate needs to bring in the missing points.
    /// </summary>
    public ThrottleTicket Reserve(int cost)
    {
        lock (_lock)
        {
            return ReserveLocked(cost);
        }
    }

    /// <summary>How much longer the query must wait, by the latest picture, counting only the queries ahead of it.</summary>
    public TimeSpan StillToWait(long ticket)
    {
        lock (_lock)
        {
            var reservation = _reservations.Find(r => r.Ticket == ticket);
            return reservation is null ? TimeSpan.Zero : WaitLocked(reservation);
        }
    }

    /// <summary>The query leaves the line for Shopify; the number says in which order queries were sent.</summary>
    public long Sending(long ticket)
    {
        lock (_lock)
        {
            if (_reservations.Find(r => r.Ticket == ticket) is { } reservation)
            {
                reservation.Sent = true;
            }

            return ++_sent;
        }
    }

    /// <summary>
    /// The query of <paramref name="ticket"/> was answered (or given up): its reservation ends, and a throttle status,
    /// when the answer had one, replaces the picture. A first query answered without one lets another go first. A
    /// status is taken only from a query sent after the one that gave the current picture: answers overtake each
    /// other, and a report made before a later query was charged would promise that query's points twice.
    /// </summary>
    public void Answered(
        long ticket, double? currentlyAvailable = null, double maximumAvailable = 0, double restoreRate = 0, long sentAs = long.MaxValue)
    {
        TaskCompletionSource? probe;
        lock (_lock)
        {
            _reservations.RemoveAll(r => r.Ticket == ticket);
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

    /// <summary>What the bucket holds now by our estimate, every reservation taken off; null when nothing is known yet.</summary>
    public double? EstimatedAvailable()
    {
        lock (_lock)
        {
            return _known ? Refilled() - _reservations.Sum(r => r.Cost) : null;
        }
    }

    private ThrottleTicket ReserveLocked(int cost)
    {
        var reservation = new Reservation(++_tickets, cost);
        _reservations.Add(reservation);
        return new ThrottleTicket(reservation.Ticket, _known ? WaitLocked(reservation) : TimeSpan.Zero);
    }

    /// <remarks>
    /// Ahead of a query are those already sent (Shopify may not have charged them in its last report) and those that
    /// reserved before it; a query that reserved later waits behind it and is not counted.
    /// </remarks>
    private TimeSpan WaitLocked(Reservation reservation)
    {
        var ahead = _reservations.Where(r => r != reservation && (r.Sent || r.Ticket < reservation.Ticket)).Sum(r => r.Cost);
        var available = Refilled() - ahead;
        if (reservation.Cost <= available || _restoreRate <= 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds((reservation.Cost - available) / _restoreRate);
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
    /// The bucket refills only up to its maximum; points reserved by queries not yet answered are owed against that
    /// capped level. Capping after subtracting them would promise points the bucket can never hold.
    /// </remarks>
    private double Refilled() => Math.Min(_maximum, _available + (time.GetElapsedTime(_observedAt).TotalSeconds * _restoreRate));

    private sealed class Reservation(long ticket, int cost)
    {
        public long Ticket { get; } = ticket;

        public int Cost { get; } = cost;

        public bool Sent { get; set; }
    }
}

/// <summary>One <see cref="ShopThrottle"/> per shop domain for the whole process.</summary>
internal sealed class ShopThrottles(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopThrottle> _shops = new(StringComparer.OrdinalIgnoreCase);

    public ShopThrottle For(string shopDomain) => _shops.GetOrAdd(shopDomain, _ => new ShopThrottle(time));
}
