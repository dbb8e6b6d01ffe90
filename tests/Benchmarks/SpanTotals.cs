using System.Collections.Concurrent;
using System.Diagnostics;

namespace ShopIngest.Benchmarks;

/// <summary>Adds up the duration of spans by name, to tell time spent on Shopify requests from time spent writing pages.</summary>
internal sealed class SpanTotals : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Count, double Milliseconds)> _totals = new();
    private readonly ActivityListener _listener;

    public SpanTotals()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "ShopIngest.Sync" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _totals.AddOrUpdate(
                activity.OperationName, (1, activity.Duration.TotalMilliseconds), (_, total) => (total.Count + 1, total.Milliseconds + activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyDictionary<string, (long Count, double Milliseconds)> Snapshot() => new Dictionary<string, (long, double)>(_totals);

    public void Dispose() => _listener.Dispose();
}
