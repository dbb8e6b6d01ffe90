using ShopIngest.ShopifySimulator.Generation;

namespace ShopIngest.ShopifySimulator.Faults;

internal enum FaultKind
{
    None,
    ServerError,
    ResetConnection,
    Throttled,
    MalformedJson,
    PaymentRequired,
    Locked,
    NotFound,
    SecurityRejection,
    Forbidden,
    AccessDenied,

    // Faults of a bulk operation, drawn once per operation rather than per request.
    BulkFailed,
    BulkTimedOut,
    BulkUrlExpired,

    // Faults of a webhook delivery, drawn once per delivery.
    WebhookDuplicate,
    WebhookReorder,
    WebhookDropFirstAttempt,
}

/// <summary>
/// What to do to one webhook delivery: send it twice, hold it back for <see cref="HoldBackMs"/> (0: not at all), lose its
/// first attempt.
/// </summary>
internal readonly record struct WebhookFaultPlan(bool Duplicate, int HoldBackMs, bool DropFirstAttempt);

/// <summary>What to do to one request: at most one failure, plus the configured latency.</summary>
internal readonly record struct FaultPlan(FaultKind Kind, int ServerErrorStatus, int LatencyMs);

/// <summary>
/// What to do to one bulk operation: end it FAILED with <see cref="Failure"/> (BulkFailed or BulkTimedOut) once
/// <see cref="FailAt"/> of its root objects (a share, 0 to 1) are written, and/or serve its result already expired.
/// </summary>
internal readonly record struct BulkFaultPlan(FaultKind Failure, double FailAt, bool UrlExpired);

/// <summary>
/// Decides the faults of each request of one shop from a seeded generator, so a test that sets the
/// same faults on a shop with the same seed sees the same sequence of failures. The shop-state faults
/// (402, 423, 404, 430, 403, ACCESS_DENIED) are drawn from a second generator, so that adding them left
/// the sequences of the first five faults as they were.
/// </summary>
internal sealed class FaultInjector(int seed)
{
    private static readonly int[] ServerErrorStatuses = [500, 502, 503];

    private readonly Lock _lock = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new(seed);
    private Random _shopStateRandom = NewShopStateRandom(seed);
    private Random _bulkRandom = NewBulkRandom(seed);
    private Random _webhookRandom = NewWebhookRandom(seed);

    public FaultSettings Settings
    {
        get
        {
            lock (_lock)
            {
                return _settings;
            }
        }
    }

    /// <summary>Replaces the faults and restarts the random sequence, so the outcome depends only on what follows.</summary>
    public void Configure(FaultSettings settings)
    {
        lock (_lock)
        {
            _settings = settings;
            _random = new Random(seed);
            _shopStateRandom = NewShopStateRandom(seed);
            _bulkRandom = NewBulkRandom(seed);
            _webhookRandom = NewWebhookRandom(seed);
        }
    }

    /// <summary>The faults of a new webhook delivery, from a source of their own; null when delivery is off.</summary>
    public WebhookFaultPlan? NextWebhook()
    {
        lock (_lock)
        {
            var settings = _settings;
            if (settings.WebhookDeliveryOff)
            {
                return null;
            }

            // Every draw is made whatever the earlier ones gave, as for requests.
            var duplicate = _webhookRandom.NextDouble() < settings.WebhookDuplicateRate;
            var reorder = _webhookRandom.NextDouble() < settings.WebhookReorderRate;
            var holdBack = settings.WebhookReorderDelayMs * (0.5 + (_webhookRandom.NextDouble() / 2));
            var drop = _webhookRandom.NextDouble() < settings.WebhookDropFirstAttemptRate;
            return new WebhookFaultPlan(duplicate, reorder ? (int)Math.Ceiling(holdBack) : 0, drop);
        }
    }

    /// <summary>The faults of a new bulk operation, from a source of their own so that requests' sequences stay as they were.</summary>
    public BulkFaultPlan NextBulk()
    {
        lock (_lock)
        {
            var settings = _settings;

            // Every draw is made whatever the earlier ones gave, as for requests.
            var failed = _bulkRandom.NextDouble() < settings.BulkFailRate;
            var timedOut = _bulkRandom.NextDouble() < settings.BulkTimeoutRate;
            var expired = _bulkRandom.NextDouble() < settings.BulkUrlExpiredRate;
            var at = _bulkRandom.NextDouble();
            var failure = failed ? FaultKind.BulkFailed : timedOut ? FaultKind.BulkTimedOut : FaultKind.None;
            return new BulkFaultPlan(failure, at, expired);
        }
    }

    public FaultPlan Next()
    {
        lock (_lock)
        {
            var settings = _settings;
            if (settings == FaultSettings.None)
            {
                return default;
            }

            // Every draw is made whatever the earlier ones gave, so one rate never shifts another's sequence.
            var reset = _random.NextDouble() < settings.ResetConnectionRate;
            var serverError = _random.NextDouble() < settings.ServerErrorRate;
            var status = ServerErrorStatuses[_random.Next(ServerErrorStatuses.Length)];
            var throttled = _random.NextDouble() < settings.ThrottledRate;
            var malformed = _random.NextDouble() < settings.MalformedJsonRate;

            var shopState = settings.HasShopStateFaults ? NextShopState(settings) : FaultKind.None;
            var refusedShop = ShopStateResponses.TryGet(shopState, out _, out _);

            // A dropped connection or a failing server comes first; a shop's state is known before its query runs.
            var kind = reset ? FaultKind.ResetConnection
                : serverError ? FaultKind.ServerError
                : refusedShop ? shopState
                : throttled ? FaultKind.Throttled
                : shopState == FaultKind.AccessDenied ? FaultKind.AccessDenied
                : malformed ? FaultKind.MalformedJson
                : FaultKind.None;
            return new FaultPlan(kind, status, settings.LatencyMs);
        }
    }

    /// <summary>The first shop-state fault drawn, or None.</summary>
    private FaultKind NextShopState(FaultSettings settings)
    {
        (FaultKind Kind, double Rate)[] faults =
        [
            (FaultKind.PaymentRequired, settings.PaymentRequiredRate), (FaultKind.Locked, settings.LockedRate),
            (FaultKind.NotFound, settings.NotFoundRate), (FaultKind.SecurityRejection, settings.SecurityRejectionRate),
            (FaultKind.Forbidden, settings.ForbiddenRate), (FaultKind.AccessDenied, settings.AccessDeniedRate),
        ];
        var first = FaultKind.None;
        foreach (var (kind, rate) in faults)
        {
            // Every draw is made whatever the earlier ones gave, as for the first five.
            if (_shopStateRandom.NextDouble() < rate && first == FaultKind.None)
            {
                first = kind;
            }
        }

        return first;
    }

    private static Random NewShopStateRandom(int seed) => new(Seeds.Derive(seed, Seeds.ShopStateFaults));

    private static Random NewBulkRandom(int seed) => new(Seeds.Derive(seed, Seeds.BulkFaults));

    private static Random NewWebhookRandom(int seed) => new(Seeds.Derive(seed, Seeds.WebhookFaults));
}
