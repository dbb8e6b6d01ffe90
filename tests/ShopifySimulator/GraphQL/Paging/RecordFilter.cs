using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Paging;

/// <summary>
/// Which records a list or count sees in one request: those the token may read at all (orders of the last 60 days
/// without read_all_orders), narrowed by the <c>query:</c> terms as a lagging search index matches them. The index sees
/// a record changed less than the shop's lag ago in its previous version, and a record created since not at all;
/// lookups by id and unfiltered lists read the records themselves and see every change at once.
/// </summary>
internal sealed class RecordFilter
{
    private readonly SearchQuery _search;
    private readonly long _createdAtMin;
    private readonly long? _indexedUpTo;

    /// <param name="search">The parsed <c>query:</c> argument.</param>
    /// <param name="createdAtMin">The oldest createdAt the token may read (Unix seconds); long.MinValue for all.</param>
    /// <param name="indexedUpTo">The latest updatedAt the search index has caught up with; null when it lags not at all.</param>
    public RecordFilter(SearchQuery search, long createdAtMin, long? indexedUpTo)
    {
        _search = search;
        _createdAtMin = createdAtMin;
        _indexedUpTo = search.IsEmpty ? null : indexedUpTo;
    }

    public bool IsEverything => _search.IsEmpty && _createdAtMin == long.MinValue;

    /// <summary>Whether the token may read the record at all, whatever the query.</summary>
    public bool Readable<T>(in T record) where T : struct, ITopLevelRecord =>
        record.ValueOf(RecordField.CreatedAt) >= _createdAtMin;

    public bool Matches<T>(in T record) where T : struct, ITopLevelRecord
    {
        if (!Readable(in record))
        {
            return false;
        }

        var updatedAt = record.ValueOf(RecordField.UpdatedAt);
        if (_indexedUpTo is { } indexed && updatedAt > indexed)
        {
            // The index still holds the version before the latest change; a record created since is not in it yet.
            return record.PreviousUpdatedAt != 0 && _search.Matches(in record, record.PreviousUpdatedAt);
        }

        return _search.Matches(in record, updatedAt);
    }

    /// <summary>
    /// The inclusive range of <paramref name="field"/> outside which no record can match, for narrowing a sorted walk;
    /// null when the filter does not bound that field.
    /// </summary>
    public (long Min, long Max)? BoundsOf(RecordField field)
    {
        var range = _search.RangeOf(field);
        if (field == RecordField.CreatedAt && _createdAtMin != long.MinValue)
        {
            var (min, max) = range ?? (long.MinValue, long.MaxValue);
            range = (Math.Max(min, _createdAtMin), max);
        }

        // A record matched by its previous updatedAt may have moved past the upper bound since; updates only move
        // updatedAt forward, so the lower bound still holds.
        if (field == RecordField.UpdatedAt && _indexedUpTo is not null && range is var (low, _))
        {
            range = (low, long.MaxValue);
        }

        return range;
    }
}
