namespace ShopIngest.ShopifySimulator.Faults;

/// <summary>
/// The body of <c>PUT /_sim/shops/{shop}/faults</c>. Rates are probabilities per request (0 to 1);
/// an empty body clears every fault.
/// </summary>
internal sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Share of requests answered with HTTP 500, 502 or 503.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Delay added to every request before it is answered.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Share of requests whose connection is aborted without a response.</summary>
    public double ResetConnectionRate { get; init; }

    /// <summary>Share of requests answered THROTTLED even when the bucket has room.</summary>
    public double ThrottledRate { get; init; }

    /// <summary>Share of requests answered 200 with a truncated JSON body.</summary>
    public double MalformedJsonRate { get; init; }

    public List<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, rate) in new[]
                 {
                     ("serverErrorRate", ServerErrorRate), ("resetConnectionRate", ResetConnectionRate),
                     ("throttledRate", ThrottledRate), ("malformedJsonRate", MalformedJsonRate),
                 })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                problems.Add($"{name} must be between 0 and 1.");
            }
        }

        if (LatencyMs is < 0 or > 60_000)
        {
            problems.Add("latencyMs must be between 0 and 60000.");
        }

        return problems;
    }
}
