using System.Runtime.InteropServices;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// The records of one resource kept as an array of structs (a million orders stay compact), with
/// one sort index per sort field built on first use and dropped whenever a record changes.
/// Indexes hold only live records, ordered by (value, id) so that ties have a stable order.
/// </summary>
internal sealed class RecordTable<T>(int capacity) where T : struct, ITopLevelRecord
{
    private readonly List<T> _records = new(capacity);
    private readonly Dictionary<RecordField, int[]> _indexes = [];
    private readonly Lock _indexLock = new();

    /// <summary>How many records were ever added, deleted ones included (valid indexes are below this).</summary>
    public int Count => _records.Count;

    public int LiveCount { get; private set; }

    public ref T this[int index] => ref CollectionsMarshal.AsSpan(_records)[index];

    public int Add(in T record)
    {
        _records.Add(record);
        LiveCount++;
        RecordsChanged();
        return _records.Count - 1;
    }

    public void Delete(int index)
    {
        this[index].Deleted = true;
        LiveCount--;
        RecordsChanged();
    }

    /// <summary>Call after changing a record in place: its sort positions may have moved.</summary>
    public void RecordsChanged()
    {
        lock (_indexLock)
        {
            _indexes.Clear();
        }
    }

    /// <summary>Live record indexes in ascending (value of <paramref name="field"/>, id) order.</summary>
    public int[] SortedBy(RecordField field)
    {
        // Resolvers of one request may run in parallel, so building an index is serialised.
        lock (_indexLock)
        {
            if (!_indexes.TryGetValue(field, out var index))
            {
                index = BuildIndex(field);
                _indexes[field] = index;
            }

            return index;
        }
    }

    public SortPosition PositionOf(int index, RecordField field)
    {
        ref var record = ref this[index];
        return new SortPosition(record.ValueOf(field), record.Id);
    }

    /// <summary>The record index with this id, or -1.</summary>
    public int IndexOfId(long id)
    {
        var byId = SortedBy(RecordField.Id);
        int lo = 0, hi = byId.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var midId = this[byId[mid]].Id;
            if (midId == id)
            {
                return byId[mid];
            }

            if (midId < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first position in <paramref name="sorted"/> (an index from <see cref="SortedBy"/> for
    /// <paramref name="field"/>) whose record sorts at or after <paramref name="position"/>.
    /// </summary>
    public int FirstAtOrAfter(int[] sorted, RecordField field, SortPosition position)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (PositionOf(sorted[mid], field) < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>How many live records have a <paramref name="field"/> value at or below <paramref name="value"/>.</summary>
    public int CountAtOrBelow(RecordField field, long value) =>
        FirstAtOrAfter(SortedBy(field), field, new SortPosition(value + 1, long.MinValue));

    /// <summary>Live records in index order, for whole-shop aggregates.</summary>
    public IEnumerable<int> LiveIndexes()
    {
        for (var i = 0; i < _records.Count; i++)
        {
            if (!_records[i].Deleted)
            {
                yield return i;
            }
        }
    }

    private int[] BuildIndex(RecordField field)
    {
        var records = CollectionsMarshal.AsSpan(_records);
        var keys = new SortPosition[LiveCount];
        var indexes = new int[LiveCount];
        var next = 0;
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].Deleted)
            {
                continue;
            }

            keys[next] = new SortPosition(records[i].ValueOf(field), records[i].Id);
            indexes[next++] = i;
        }

        Array.Sort(keys, indexes);
        return indexes;
    }
}

/// <summary>Where a record stands in a sort: its sort value, then its id to break ties.</summary>
internal readonly record struct SortPosition(long Value, long Id) : IComparable<SortPosition>
{
    public int CompareTo(SortPosition other)
    {
        var byValue = Value.CompareTo(other.Value);
        return byValue != 0 ? byValue : Id.CompareTo(other.Id);
    }

    public static bool operator <(SortPosition left, SortPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(SortPosition left, SortPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(SortPosition left, SortPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SortPosition left, SortPosition right) => left.CompareTo(right) >= 0;
}
