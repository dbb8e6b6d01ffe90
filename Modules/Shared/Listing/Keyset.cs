using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ShopIngest.Modules.Shared.Listing;

/// <summary>A page of a listing as a Relay connection needs it.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage, int? TotalCount);

public sealed record Edge<T>(T Node, string Cursor);

/// <summary>What every listing request carries: page size, position, and whether to count all matches.</summary>
public sealed record PageRequest(int First = 50, string? After = null, bool Reverse = false, bool IncludeTotalCount = true)
{
    public const int MaxFirst = 250;
}

/// <summary>A cursor that does not belong to the listing and sort order it was given to.</summary>
public sealed class InvalidCursorException(string message) : ArgumentException(message);

/// <summary>
/// Keyset pagination: rows ordered by (sort key, unique id), both ascending or both descending, and a page
/// starting strictly after the cursor's (key, id) as one PostgreSQL row comparison, which the
/// (tenant_id, key, id) indexes serve directly. A cursor names its sort, so it cannot be replayed
/// against another.
/// </summary>
public static class Keyset
{
    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    public static async Task<Connection<T>> PageAsync<T, TKey, TId>(
        IQueryable<T> filtered,
        string sortName,
        Expression<Func<T, TKey>> key,
        Expression<Func<T, TId>> id,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        if (page.First is < 1 or > PageRequest.MaxFirst)
        {
            throw new ArgumentOutOfRangeException(nameof(page), $"first must be between 1 and {PageRequest.MaxFirst}.");
        }

        int? totalCount = page.IncludeTotalCount ? await filtered.CountAsync(cancellationToken) : null;

        var rows = filtered;
        if (page.After is not null)
        {
            rows = rows.Where(After(key, id, Decode<TKey, TId>(page.After, sortName), page.Reverse));
        }

        var ordered = page.Reverse
            ? rows.OrderByDescending(key).ThenByDescending(id)
            : rows.OrderBy(key).ThenBy(id);
        var fetched = await ordered.Take(page.First + 1).ToListAsync(cancellationToken);

        var keyOf = key.Compile();
        var idOf = id.Compile();
        var edges = fetched.Take(page.First)
            .Select(row => new Edge<T>(row, Encode(new Position<TKey, TId>(sortName, keyOf(row), idOf(row)))))
            .ToList();
        return new Connection<T>(edges, fetched.Count > page.First, totalCount);
    }

    /// <summary>A case-insensitive substring pattern for ILIKE, with the user's wildcards taken literally.</summary>
    public static string ContainsPattern(string search) =>
        "%" + search.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";

    /// <summary><c>(key, id) &gt; (cursor key, cursor id)</c>, or &lt; when descending, as a row comparison.</summary>
    private static Expression<Func<T, bool>> After<T, TKey, TId>(
        Expression<Func<T, TKey>> key, Expression<Func<T, TId>> id, Position<TKey, TId> cursor, bool descending)
    {
        var row = key.Parameters[0];
        var rowId = new ParameterReplacer(id.Parameters[0], row).Visit(id.Body);
        // Read through a captured object so EF Core sends the cursor as parameters, not as literals.
        var boundary = Expression.Constant(cursor);
        var comparison = Expression.Call(
            typeof(NpgsqlDbFunctionsExtensions),
            descending ? nameof(NpgsqlDbFunctionsExtensions.LessThan) : nameof(NpgsqlDbFunctionsExtensions.GreaterThan),
            Type.EmptyTypes,
            Functions,
            RowValue(key.Body, rowId),
            RowValue(Expression.Property(boundary, nameof(Position<TKey, TId>.Key)), Expression.Property(boundary, nameof(Position<TKey, TId>.Id))));
        return Expression.Lambda<Func<T, bool>>(comparison, row);
    }

    private static UnaryExpression RowValue(Expression first, Expression second) => Expression.Convert(
        Expression.Call(typeof(ValueTuple), nameof(ValueTuple.Create), [first.Type, second.Type], first, second),
        typeof(ITuple));

    private static string Encode<TKey, TId>(Position<TKey, TId> position) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Position<TKey, TId> Decode<TKey, TId>(string cursor, string sortName)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var position = JsonSerializer.Deserialize<Position<TKey, TId>>(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            if (position is { Key: not null } && position.Sort == sortName)
            {
                return position;
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException or NotSupportedException)
        {
        }

        throw new InvalidCursorException($"'after' is not a cursor of this listing sorted by {sortName}.");
    }

    private sealed record Position<TKey, TId>(string Sort, TKey Key, TId Id);

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
