using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Plan;

/// <summary>A slice as planned: where it starts, and where it ends (the newest has no end).</summary>
internal readonly record struct PlannedSlice(DateTimeOffset StartsAt, DateTimeOffset? EndsAt);

internal static class BackfillPlan
{
    /// <summary>
    /// Cuts the history from the oldest <c>updatedAt</c> to now into equal spans of whole seconds (Shopify's search
    /// resolution): about one per write batch of records, at most two per walker so that a walker done early takes
    /// another. Empty when the history is not worth cutting: it fits in two writes, or there is one walker.
    /// </summary>
    public static IReadOnlyList<PlannedSlice> Slices(DateTimeOffset oldest, DateTimeOffset now, long records, int writeBatchSize, int walkers)
    {
        var start = UpdatedAtSearch.WholeSeconds(oldest);
        var count = (int)Math.Clamp(records / writeBatchSize, 1, 2L * walkers);
        var secondsPerSlice = (long)(now - start).TotalSeconds / count;
        if (walkers < 2 || records < 2L * writeBatchSize || secondsPerSlice < 1)
        {
            return [];
        }

        return [.. Enumerable.Range(0, count).Select(i => new PlannedSlice(
            start.AddSeconds(i * secondsPerSlice), i == count - 1 ? null : start.AddSeconds((i + 1) * secondsPerSlice)))];
    }
}
