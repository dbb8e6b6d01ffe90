using System.Collections.Concurrent;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>A query's place in its shop's line: its reservation, and how long to wait before asking again.</summary>
internal readonly record struct ThrottleTicket(long Id, TimeSpan Wait);

/// <summary>
/// Our picture of one shop's leaky bucket, learnt from the <c>throttleStatus</c> of every response: a level the bucket
/// holds at least, and how fast points come back. Before a query it says how long to wait until the query's requested
/// cost is there, and reserves those points until the query is answered, so that queries of one shop sent side by side
/// wait for each other instead of being throttled. Queries are served in the order they reserved; a query that has
/// waited asks again before it is sent, because the bucket may have sat full (and wasted its refill) while queries
/// ahead of it waited longer than foreseen.
/// </summary>
/// <remarks>
/// Queries sent side by side reach Shopify in any order, so an answer may arrive after that of a query Shopify charged
/// later, or before that of one it charged earlier; nothing in an answer says when Shopify made its report. An answer
/// that no other answer overtook while it was on its way brings the newest report there is, and replaces the
/// picture; an answer that raced others may bring an older report or a newer one,
/// and the lower of it and the picture is kept, since the newer of two reports has been charged for everything the
/// older one was. The picture may then stay a little low (a refund the older report had not seen) until the next
/// answer; it never runs high.
/// </remarks>
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
    private long _events;
    private long _lastAnswerAt;
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

    /// <summary>The query leaves the line for Shopify.</summary>
    public void Sending(long ticket)
    {
        lock (_lock)
        {
            if (_reservations.Find(r => r.Ticket == ticket) is { } reservation)
            {
                reservation.SentAt = ++_events;
            }
        }
    }

    /// <summary>
    /// The query of <paramref name="ticket"/> got no throttle status (it failed, or was given up): its reservation
    /// ends. A first query answered so lets another go first.
    /// </summary>
    public void Answered(long ticket)
    {
        TaskCompletionSource? probe;
        lock (_lock)
        {
            _reservations.RemoveAll(r => r.Ticket == ticket);
            _lastAnswerAt = ++_events;
            if (_known)
            {
                return;
            }

            probe = _probe;
            _probe = null;
        }

        probe?.TrySetResult();
    }

    /// <summary>
    /// The query of <paramref name="ticket"/> was answered with a throttle status: its reservation ends, and the
    /// status replaces the picture, or lowers it when other answers came in while this query was on its way.
    /// </summary>
    public void Answered(long ticket, double currentlyAvailable, double maximumAvailable, double restoreRate)
    {
        TaskCompletionSource? probe;
        lock (_lock)
        {
            var sentAt = _reservations.Find(r => r.Ticket == ticket)?.SentAt;
            _reservations.RemoveAll(r => r.Ticket == ticket);
            var raced = _known && sentAt is { } sent && _lastAnswerAt > sent;
            _lastAnswerAt = ++_events;
            ObserveLocked(raced ? Math.Min(Refilled(), currentlyAvailable) : currentlyAvailable, maximumAvailable, restoreRate);

            probe = _probe;
            _probe = null;
        }

        probe?.TrySetResult();
    }

    /// <summary>Sets the picture to what Shopify reported, less the points still reserved by queries not yet answered.</summary>
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
        var ahead = _reservations.Where(r => r != reservation && (r.SentAt is not null || r.Ticket < reservation.Ticket)).Sum(r => r.Cost);
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
        _available = Math.Min(currentlyAvailable, maximumAvailable);
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

        /// <summary>When the query left for Shopify, on the throttle's own clock of sends and answers; null while it waits.</summary>
        public long? SentAt { get; set; }
    }
}

/// <summary>One <see cref="ShopThrottle"/> per shop domain for the whole process.</summary>
internal sealed class ShopThrottles(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopThrottle> _shops = new(StringComparer.OrdinalIgnoreCase);

    public ShopThrottle For(string shopDomain) => _shops.GetOrAdd(shopDomain, _ => new ShopThrottle(time));
}
