using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using ShopIngest.ShopifySimulator.GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Paging;

/// <summary>Builds connection pages for top-level resources and for nested lists (variants, line items).</summary>
internal static class Connections
{
    /// <summary>Adds Shopify's paging arguments: first, after, last, before, reverse.</summary>
    public static FieldBuilder<TSource, object> WithPaging<TSource>(this FieldBuilder<TSource, object> field) => field
        .Argument<IntGraphType>("first", "The first `n` elements from the paginated list.")
        .Argument<StringGraphType>("after", "The elements that come after the specified cursor.")
        .Argument<IntGraphType>("last", "The last `n` elements from the paginated list.")
        .Argument<StringGraphType>("before", "The elements that come before the specified cursor.")
        .Argument<BooleanGraphType>("reverse", "Reverse the order of the underlying list.", argument => argument.DefaultValue = false);

    public static PageArguments PageArguments(this IResolveFieldContext context) => new(
        context.GetArgument<int?>("first"),
        context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"),
        context.GetArgument<string?>("before"),
        context.GetArgument("reverse", false));

    /// <summary>A page of a top-level resource in <paramref name="sortField"/> order, filtered by <paramref name="filter"/>.</summary>
    public static Connection ForTable<T>(
        RecordTable<T> table, RecordField sortField, RecordFilter filter, PageArguments page, Func<int, object> toNode)
        where T : struct, ITopLevelRecord
    {
        var sorted = table.SortedBy(sortField);
        var (lo, hi) = (0, sorted.Length);

        // A filter on the sort field itself narrows the window by binary search instead of a scan.
        if (filter.BoundsOf(sortField) is var (min, max))
        {
            lo = table.FirstAtOrAfter(sorted, sortField, new SortPosition(min, long.MinValue));
            hi = Math.Max(lo, table.FirstAtOrAfter(sorted, sortField, new SortPosition(max, long.MaxValue)));
        }

        var slice = Paginator.Take(
            sorted.AsSpan(lo, hi - lo),
            index => table.PositionOf(index, sortField),
            index => filter.Matches(in table[index]),
            page);
        return ToConnection(slice, toNode);
    }

    /// <summary>A page of a parent's contiguous child records (already in id order).</summary>
    public static Connection ForChildren(int first, int count, Func<int, long> idOf, PageArguments page, Func<int, object> toNode) =>
        ForSequence(first, count, index => new SortPosition(idOf(index), idOf(index)), _ => true, page, toNode);

    /// <summary>
    /// A page of the items <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of a list
    /// already in ascending sort order (events, webhook subscriptions), those failing <paramref name="matches"/> skipped.
    /// </summary>
    public static Connection ForSequence(
        int first, int count, Func<int, SortPosition> positionOf, Func<int, bool> matches, PageArguments page, Func<int, object> toNode)
    {
        var items = Enumerable.Range(first, count).ToArray();
        return ToConnection(Paginator.Take(items, positionOf, matches, page), toNode);
    }

    private static Connection ToConnection(PageSlice slice, Func<int, object> toNode)
    {
        var cursors = slice.Positions.Select(Cursor.Encode).ToList();
        var pageInfo = new PageInfo
        {
            HasNextPage = slice.HasNextPage,
            HasPreviousPage = slice.HasPreviousPage,
            StartCursor = cursors.FirstOrDefault(),
            EndCursor = cursors.LastOrDefault(),
        };
        return new Connection([.. slice.Items.Select(toNode)], cursors, pageInfo);
    }
}
