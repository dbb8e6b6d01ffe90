using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Paging;

/// <summary>The paging arguments every Shopify connection takes.</summary>
internal sealed record PageArguments(int? First, string? After, int? Last, string? Before, bool Reverse)
{
    public const int MaxPageSize = 250;

    public void Validate()
    {
        if (First is null && Last is null)
        {
            throw new ShopifyExecutionError("you must provide one of first or last", "BAD_REQUEST");
        }

        if (First is > MaxPageSize || Last is > MaxPageSize)
        {
            var argument = First is > MaxPageSize ? "first" : "last";
            throw new ShopifyExecutionError(
                $"{argument} cannot exceed {MaxPageSize}. To query larger amounts of data with fewer limits, bulk operations should be used instead.",
                "BAD_REQUEST");
        }

        if (First is < 0 || Last is < 0)
        {
            throw new ShopifyExecutionError("first and last must be non-negative.", "BAD_REQUEST");
        }
    }
}

/// <summary>The records of one page, their sort positions (for cursors) and the page info.</summary>
internal sealed record PageSlice(IReadOnlyList<int> Items, IReadOnlyList<SortPosition> Positions, bool HasNextPage, bool HasPreviousPage);

/// <summary>
/// Relay cursor paging over records held in ascending (value, id) order. The window between the
/// cursors is found by binary search; records failing the filter are skipped while the page fills.
/// </summary>
internal static class Paginator
{
    /// <param name="ascending">Record indexes in ascending sort order, already narrowed to the filter's range on the sort field.</param>
    /// <param name="positionOf">The sort position of a record index.</param>
    /// <param name="matches">The rest of the filter.</param>
    /// <param name="page">The client's paging arguments.</param>
    public static PageSlice Take(ReadOnlySpan<int> ascending, Func<int, SortPosition> positionOf, Func<int, bool> matches, PageArguments page)
    {
        page.Validate();
        var lo = 0;
        var hi = ascending.Length;
        var reverse = page.Reverse;

        // In reverse order "after" means smaller keys, "before" larger ones.
        if (page.After is { } after)
        {
            var cursor = Cursor.Decode(after);
            if (reverse)
            {
                hi = Math.Min(hi, FirstAtOrAfter(ascending, positionOf, cursor, inclusive: true));
            }
            else
            {
                lo = Math.Max(lo, FirstAtOrAfter(ascending, positionOf, cursor, inclusive: false));
            }
        }

        if (page.Before is { } before)
        {
            var cursor = Cursor.Decode(before);
            if (reverse)
            {
                lo = Math.Max(lo, FirstAtOrAfter(ascending, positionOf, cursor, inclusive: false));
            }
            else
            {
                hi = Math.Min(hi, FirstAtOrAfter(ascending, positionOf, cursor, inclusive: true));
            }
        }

        // Walk the window in view order; "ahead" of it lies what comes after, "behind" what came before.
        var view = new View(ascending, lo, Math.Max(lo, hi), reverse);
        var items = new List<int>();
        bool hasNext, hasPrevious;
        if (page.First is { } first)
        {
            var next = Collect(view, matches, items, first, fromStart: true);
            var trimmed = page.Last is { } lastOfFirst && items.Count > lastOfFirst;
            if (trimmed)
            {
                items.RemoveRange(0, items.Count - page.Last!.Value);
            }

            hasNext = view.AnyInWindow(matches, next, view.Length) || (page.Before is not null && view.AnyAhead(matches));
            hasPrevious = trimmed || (page.After is not null && view.AnyBehind(matches));
        }
        else
        {
            var next = Collect(view, matches, items, page.Last!.Value, fromStart: false);
            items.Reverse();
            hasPrevious = view.AnyInWindow(matches, 0, next + 1);
            hasNext = page.Before is not null && view.AnyAhead(matches);
        }

        return new PageSlice(items, [.. items.Select(positionOf)], hasNext, hasPrevious);
    }

    /// <summary>Fills <paramref name="items"/>; returns the view offset where collection stopped.</summary>
    private static int Collect(View view, Func<int, bool> matches, List<int> items, int count, bool fromStart)
    {
        var offset = fromStart ? 0 : view.Length - 1;
        while (items.Count < count && offset >= 0 && offset < view.Length)
        {
            var record = view[offset];
            if (matches(record))
            {
                items.Add(record);
            }

            offset += fromStart ? 1 : -1;
        }

        return offset;
    }

    private static int FirstAtOrAfter(ReadOnlySpan<int> ascending, Func<int, SortPosition> positionOf, SortPosition cursor, bool inclusive)
    {
        int lo = 0, hi = ascending.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var comparison = positionOf(ascending[mid]).CompareTo(cursor);
            if (comparison < 0 || (comparison == 0 && !inclusive))
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

    /// <summary>The window [lo, hi) of the ascending records seen in the requested order.</summary>
    private readonly ref struct View(ReadOnlySpan<int> ascending, int lo, int hi, bool reverse)
    {
        private readonly ReadOnlySpan<int> _ascending = ascending;

        public int Length => hi - lo;

        public int this[int offset] => _ascending[reverse ? hi - 1 - offset : lo + offset];

        public bool AnyInWindow(Func<int, bool> matches, int from, int to)
        {
            for (var offset = Math.Max(0, from); offset < Math.Min(to, Length); offset++)
            {
                if (matches(this[offset]))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a matching record lies beyond the window's end, in view order.</summary>
        public bool AnyAhead(Func<int, bool> matches) =>
            reverse ? AnyIn(matches, 0, lo) : AnyIn(matches, hi, _ascending.Length);

        /// <summary>Whether a matching record lies before the window's start, in view order.</summary>
        public bool AnyBehind(Func<int, bool> matches) =>
            reverse ? AnyIn(matches, hi, _ascending.Length) : AnyIn(matches, 0, lo);

        private bool AnyIn(Func<int, bool> matches, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (matches(_ascending[i]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
