namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>Counters behind <c>GET /_sim/shops/{shop}/stats</c>; updated from concurrent requests.</summary>
internal sealed class ShopStats
{
    private long _requests;
    private long _pointsSpent;
    private long _throttled;
    private long _maxCostExceeded;
    private long _latencies;
    private long _bulkOperations;
    private long _bulkObjectsExported;
    private long _webhooksDelivered;
    private long _webhookDeliveryFailures;
    private long _webhooksPending;
    private long _webhooksAbandoned;
    private long _webhooksSuppressed;
    private long _webhookSubscriptionsRemoved;
    private readonly long[] _faults = new long[Enum.GetValues<Faults.FaultKind>().Length];

    public void RequestServed() => Interlocked.Increment(ref _requests);

    public void PointsSpent(int points) => Interlocked.Add(ref _pointsSpent, points);

    public void Throttled() => Interlocked.Increment(ref _throttled);

    public void MaxCostExceeded() => Interlocked.Increment(ref _maxCostExceeded);

    public void FaultInjected(Faults.FaultKind kind) => Interlocked.Increment(ref _faults[(int)kind]);

    public void LatencyInjected() => Interlocked.Increment(ref _latencies);

    /// <returns>How many bulk operations the shop has started, this one included.</returns>
    public long BulkOperationStarted() => Interlocked.Increment(ref _bulkOperations);

    public void BulkObjectsExported(long objects) => Interlocked.Add(ref _bulkObjectsExported, objects);

    /// <summary>A delivery (or a duplicate of one) is queued; it stays pending until it is delivered or given up.</summary>
    public void WebhookQueued() => Interlocked.Increment(ref _webhooksPending);

    public void WebhookDelivered()
    {
        Interlocked.Increment(ref _webhooksDelivered);
        Interlocked.Decrement(ref _webhooksPending);
    }

    public void WebhookAbandoned()
    {
        Interlocked.Increment(ref _webhooksAbandoned);
        Interlocked.Decrement(ref _webhooksPending);
    }

    public void WebhookAttemptFailed() => Interlocked.Increment(ref _webhookDeliveryFailures);

    public void WebhookSuppressed() => Interlocked.Increment(ref _webhooksSuppressed);

    public void WebhookSubscriptionRemoved() => Interlocked.Increment(ref _webhookSubscriptionsRemoved);

    private long Count(Faults.FaultKind kind) => Interlocked.Read(ref _faults[(int)kind]);

    public ShopStatsSnapshot Snapshot()
    {
        var faults = new FaultCounts(
            ServerError: Count(Faults.FaultKind.ServerError),
            Latency: Interlocked.Read(ref _latencies),
            ResetConnection: Count(Faults.FaultKind.ResetConnection),
            Throttled: Count(Faults.FaultKind.Throttled),
            MalformedJson: Count(Faults.FaultKind.MalformedJson),
            PaymentRequired: Count(Faults.FaultKind.PaymentRequired),
            Locked: Count(Faults.FaultKind.Locked),
            NotFound: Count(Faults.FaultKind.NotFound),
            SecurityRejection: Count(Faults.FaultKind.SecurityRejection),
            Forbidden: Count(Faults.FaultKind.Forbidden),
            AccessDenied: Count(Faults.FaultKind.AccessDenied),
            BulkFailed: Count(Faults.FaultKind.BulkFailed),
            BulkTimedOut: Count(Faults.FaultKind.BulkTimedOut),
            BulkUrlExpired: Count(Faults.FaultKind.BulkUrlExpired),
            WebhookDuplicated: Count(Faults.FaultKind.WebhookDuplicate),
            WebhookReordered: Count(Faults.FaultKind.WebhookReorder),
            WebhookFirstAttemptDropped: Count(Faults.FaultKind.WebhookDropFirstAttempt));
        return new ShopStatsSnapshot(
            Requests: Interlocked.Read(ref _requests),
            PointsSpent: Interlocked.Read(ref _pointsSpent),
            Throttled: Interlocked.Read(ref _throttled),
            MaxCostExceeded: Interlocked.Read(ref _maxCostExceeded),
            FaultsInjected: faults,
            BulkOperations: Interlocked.Read(ref _bulkOperations),
            BulkObjectsExported: Interlocked.Read(ref _bulkObjectsExported),
            WebhooksDelivered: Interlocked.Read(ref _webhooksDelivered),
            WebhookDeliveryFailures: Interlocked.Read(ref _webhookDeliveryFailures),
            WebhooksPending: Interlocked.Read(ref _webhooksPending),
            WebhooksAbandoned: Interlocked.Read(ref _webhooksAbandoned),
            WebhooksSuppressed: Interlocked.Read(ref _webhooksSuppressed),
            WebhookSubscriptionsRemoved: Interlocked.Read(ref _webhookSubscriptionsRemoved));
    }
}

/// <param name="Requests">GraphQL requests that reached the shop with a valid token.</param>
/// <param name="PointsSpent">Sum of actualQueryCost over executed queries.</param>
/// <param name="Throttled">THROTTLED responses, from an empty bucket or injected.</param>
/// <param name="MaxCostExceeded">Queries refused for requesting more than 1000 points.</param>
/// <param name="FaultsInjected">Faults injected, by kind; latency counts every delayed request.</param>
/// <param name="BulkOperations">Bulk query operations started (those refused with a user error are not).</param>
/// <param name="BulkObjectsExported">JSONL lines written by bulk operations, partial results included.</param>
/// <param name="WebhooksDelivered">Webhook deliveries answered 2xx (each copy of a duplicated one counts).</param>
/// <param name="WebhookDeliveryFailures">Webhook attempts that failed: an answer other than 2xx, a timeout, no connection, an attempt lost on purpose.</param>
/// <param name="WebhooksPending">Webhook deliveries queued, on their way or waiting to be retried.</param>
/// <param name="WebhooksAbandoned">Webhook deliveries given up after their last retry failed.</param>
/// <param name="WebhooksSuppressed">Webhooks not delivered because delivery was turned off.</param>
/// <param name="WebhookSubscriptionsRemoved">Subscriptions removed because a delivery to them failed every retry.</param>
internal sealed record ShopStatsSnapshot(
    long Requests, long PointsSpent, long Throttled, long MaxCostExceeded, FaultCounts FaultsInjected,
    long BulkOperations, long BulkObjectsExported,
    long WebhooksDelivered, long WebhookDeliveryFailures, long WebhooksPending, long WebhooksAbandoned, long WebhooksSuppressed,
    long WebhookSubscriptionsRemoved);

internal sealed record FaultCounts(
    long ServerError, long Latency, long ResetConnection, long Throttled, long MalformedJson,
    long PaymentRequired, long Locked, long NotFound, long SecurityRejection, long Forbidden, long AccessDenied,
    long BulkFailed, long BulkTimedOut, long BulkUrlExpired,
    long WebhookDuplicated, long WebhookReordered, long WebhookFirstAttemptDropped)
{
    public long Total => ServerError + Latency + ResetConnection + Throttled + MalformedJson
        + PaymentRequired + Locked + NotFound + SecurityRejection + Forbidden + AccessDenied
        + BulkFailed + BulkTimedOut + BulkUrlExpired
        + WebhookDuplicated + WebhookReordered + WebhookFirstAttemptDropped;
}
