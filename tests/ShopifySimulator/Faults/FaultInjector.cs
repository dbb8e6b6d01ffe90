namespace ShopIngest.ShopifySimulator.Faults;

internal enum FaultKind
{
    None,
    ServerError,
    ResetConnection,
    Throttled,
    MalformedJson,
}

/// <summary>What to do to one request: at most one failure, plus the configured latency.</summary>
internal readonly record struct FaultPlan(FaultKind Kind, int ServerErrorStatus, int LatencyMs);

/// <summary>
/// Decides the faults of each request of one shop from a seeded generator, so a test that sets the
/// same faults on a shop with the same seed sees the same sequence of failures.
/// </summary>
internal sealed class FaultInjector(int seed)
{
    private static readonly int[] ServerErrorStatuses = [500, 502, 503];

    private readonly Lock _lock = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new(seed);

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

            var kind = reset ? FaultKind.ResetConnection
                : serverError ? FaultKind.ServerError
                : throttled ? FaultKind.Throttled
                : malformed ? FaultKind.MalformedJson
                : FaultKind.None;
            return new FaultPlan(kind, status, settings.LatencyMs);
        }
    }
}
