using System.Text.Json.Serialization;

namespace ShopIngest.ShopifySimulator.Faults;

/// <summary>
/// The body of <c>PUT /_sim/shops/{shop}/faults</c>. Rates are probabilities per request (0 to 1), those of bulk
/// operations per operation, those of webhooks per delivery; an empty body clears every fault.
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

    /// <summary>Share of requests answered 402: the shop is frozen until its owner pays.</summary>
    public double PaymentRequiredRate { get; init; }

    /// <summary>Share of requests answered 423: the shop is locked.</summary>
    public double LockedRate { get; init; }

    /// <summary>Share of requests answered 404, as for a shop that no longer exists.</summary>
    public double NotFoundRate { get; init; }

    /// <summary>Share of requests answered 430, Shopify's rejection of a request it deems malicious.</summary>
    public double SecurityRejectionRate { get; init; }

    /// <summary>Share of requests answered 403.</summary>
    public double ForbiddenRate { get; init; }

    /// <summary>Share of requests run as if the token held no access scope: every scoped field gets ACCESS_DENIED.</summary>
    public double AccessDeniedRate { get; init; }

    /// <summary>Share of bulk operations that end FAILED with INTERNAL_SERVER_ERROR part way, leaving a partialDataUrl.</summary>
    public double BulkFailRate { get; init; }

    /// <summary>Share of bulk operations that end FAILED with TIMEOUT part way, leaving a partialDataUrl.</summary>
    public double BulkTimeoutRate { get; init; }

    /// <summary>Share of completed bulk operations whose result URL has already expired when it is first fetched.</summary>
    public double BulkUrlExpiredRate { get; init; }

    /// <summary>Share of webhook deliveries sent twice, with the same headers and body (Shopify delivers at least once).</summary>
    public double WebhookDuplicateRate { get; init; }

    /// <summary>Share of webhook deliveries held back by up to <see cref="WebhookReorderDelayMs"/>, so later ones overtake them.</summary>
    public double WebhookReorderRate { get; init; }

    /// <summary>How long a reordered delivery is held back at most; each is held back between half of it and all of it.</summary>
    public int WebhookReorderDelayMs { get; init; } = DefaultWebhookReorderDelayMs;

    /// <summary>Share of webhook deliveries whose first attempt is lost on the way: it counts as failed and is retried.</summary>
    public double WebhookDropFirstAttemptRate { get; init; }

    /// <summary>Turns webhook delivery off: what the shop triggers meanwhile is never delivered (counted as suppressed).</summary>
    public bool WebhookDeliveryOff { get; init; }

    public const int DefaultWebhookReorderDelayMs = 500;

    /// <summary>Whether any fault drawn from the second random source is on.</summary>
    [JsonIgnore]
    public bool HasShopStateFaults =>
        PaymentRequiredRate + LockedRate + NotFoundRate + SecurityRejectionRate + ForbiddenRate + AccessDeniedRate > 0;

    public List<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, rate) in new[]
                 {
                     ("serverErrorRate", ServerErrorRate), ("resetConnectionRate", ResetConnectionRate),
                     ("throttledRate", ThrottledRate), ("malformedJsonRate", MalformedJsonRate),
                     ("paymentRequiredRate", PaymentRequiredRate), ("lockedRate", LockedRate), ("notFoundRate", NotFoundRate),
                     ("securityRejectionRate", SecurityRejectionRate), ("forbiddenRate", ForbiddenRate),
                     ("accessDeniedRate", AccessDeniedRate), ("bulkFailRate", BulkFailRate),
                     ("bulkTimeoutRate", BulkTimeoutRate), ("bulkUrlExpiredRate", BulkUrlExpiredRate),
                     ("webhookDuplicateRate", WebhookDuplicateRate), ("webhookReorderRate", WebhookReorderRate),
                     ("webhookDropFirstAttemptRate", WebhookDropFirstAttemptRate),
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

        if (WebhookReorderDelayMs is < 1 or > 60_000)
        {
            problems.Add("webhookReorderDelayMs must be between 1 and 60000.");
        }

        return problems;
    }
}
