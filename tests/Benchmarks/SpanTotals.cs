using System.Collections.Concurrent;
using System.Diagnostics;

namespace ShopIngest.Benchmarks;

/// <summary>
/// Adds up the duration of spans by name, to tell time spent on Shopify requests from time spent writing pages; and,
/// by name, when the first began and the last ended, and the sum of each whole-number tag (records, lines).
/// </summary>
internal sealed class SpanTotals : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Count, double Milliseconds)> _totals = new();
    private readonly ConcurrentDictionary<string, (DateTime FirstStart, DateTime LastEnd)> _extents = new();
    private readonly ConcurrentDictionary<(string Span, string Tag), long> _tagSums = new();
    private readonly ActivityListener _listener;

    public SpanTotals()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "ShopIngest.Sync" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyDictionary<string, (long Count, double Milliseconds)> Snapshot() => new Dictionary<string, (long, double)>(_totals);

    /// <summary>When the first span of this name began and the last one ended (UTC), if one has ended.</summary>
    public (DateTime FirstStart, DateTime LastEnd)? Extent(string name) => _extents.TryGetValue(name, out var extent) ? extent : null;

    /// <summary>The sum of a whole-number tag over the ended spans of this name.</summary>
    public long TagSum(string name, string tag) => _tagSums.GetValueOrDefault((name, tag));

    public void Dispose() => _listener.Dispose();

    private void Stopped(Activity activity)
    {
        var name = activity.OperationName;
        var (start, end) = (activity.StartTimeUtc, activity.StartTimeUtc + activity.Duration);
        _totals.AddOrUpdate(name, (1, activity.Duration.TotalMilliseconds), (_, total) => (total.Count + 1, total.Milliseconds + activity.Duration.TotalMilliseconds));
        _extents.AddOrUpdate(name, (start, end), (_, extent) => (start < extent.FirstStart ? start : extent.FirstStart, end > extent.LastEnd ? end : extent.LastEnd));
        foreach (var (tag, value) in activity.TagObjects)
        {
            if (value switch { int number => number, long number => number, _ => (long?)null } is { } count)
            {
                _tagSums.AddOrUpdate((name, tag), count, (_, sum) => sum + count);
            }
        }
    }
}
