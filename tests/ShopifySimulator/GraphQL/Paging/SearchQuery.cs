using System.Globalization;
using System.Text.RegularExpressions;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Paging;

/// <summary>
/// The subset of Shopify's search syntax ingestion uses: terms such as <c>updated_at:&gt;='2025-01-02T03:04:05Z'</c>
/// on created_at, updated_at, processed_at (orders) and id, with the operators &gt; &gt;= &lt; &lt;= and
/// equality, joined by AND or by spaces (Shopify's implicit AND). Times without an offset are read
/// in the shop's time zone, as Shopify reads them. Each term becomes an inclusive range on its field.
/// Fields Shopify knows but this simulator does not filter on are ignored, as Shopify ignores
/// unknown ones; syntax the simulator cannot honour (OR, NOT) is refused rather than silently widened.
/// </summary>
internal sealed partial class SearchQuery
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    private readonly Dictionary<RecordField, (long Min, long Max)> _ranges;

    private SearchQuery(Dictionary<RecordField, (long Min, long Max)> ranges) => _ranges = ranges;

    public static SearchQuery Everything { get; } = new([]);

    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>The inclusive range a field must fall in, or null when the query does not constrain it.</summary>
    public (long Min, long Max)? RangeOf(RecordField field) => _ranges.TryGetValue(field, out var range) ? range : null;

    /// <param name="record">The record to test.</param>
    /// <param name="updatedAt">The updatedAt to test, which is the record's own unless the search index lags behind it.</param>
    public bool Matches<T>(in T record, long updatedAt) where T : struct, ITopLevelRecord
    {
        foreach (var (field, (min, max)) in _ranges)
        {
            var value = field == RecordField.UpdatedAt ? updatedAt : record.ValueOf(field);
            if (value < min || value > max)
            {
                return false;
            }
        }

        return true;
    }

    public static SearchQuery Parse(string? query, TimeZoneInfo shopTimeZone, bool hasProcessedAt)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Everything;
        }

        var ranges = new Dictionary<RecordField, (long Min, long Max)>();
        foreach (var (name, value) in FieldTerms(query))
        {
            var field = name switch
            {
                "id" => RecordField.Id,
                "created_at" => RecordField.CreatedAt,
                "updated_at" => RecordField.UpdatedAt,
                "processed_at" when hasProcessedAt => RecordField.ProcessedAt,
                _ => (RecordField?)null,
            };
            if (field is null)
            {
                continue;
            }

            var range = field == RecordField.Id ? IdRange(value, query) : TimeRange(value, shopTimeZone, query);
            ranges[field.Value] = Narrow(ranges.TryGetValue(field.Value, out var existing) ? existing : null, range);
        }

        return new SearchQuery(ranges);
    }

    /// <summary>
    /// The <c>field:value</c> terms of a query, field names in lower case, joined by AND or by spaces (Shopify's implicit
    /// AND). OR, NOT, negation and free text are refused rather than silently widened.
    /// </summary>
    internal static IEnumerable<(string Field, string Value)> FieldTerms(string query)
    {
        foreach (Match term in Term().Matches(query))
        {
            var text = term.Value;
            if (text == "AND")
            {
                continue;
            }

            if (text is "OR" or "NOT" || text.StartsWith('-'))
            {
                throw Unsupported(query, $"'{text}' is not supported by the simulator; use AND.");
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // A bare word is a full-text search on Shopify; the simulator has no text index.
                throw Unsupported(query, $"free-text term '{text}' is not supported by the simulator.");
            }

            yield return (text[..colon].ToLowerInvariant(), text[(colon + 1)..]);
        }
    }

    /// <summary>The inclusive range of Unix seconds a time term such as <c>&gt;='2025-01-02T03:04:05Z'</c> allows.</summary>
    internal static (long Min, long Max) TimeRange(string term, TimeZoneInfo shopTimeZone, string query)
    {
        var (op, value) = SplitOperator(term);
        return ToRange(op, ParseTime(value, shopTimeZone, query), TicksPerSecond);
    }

    /// <summary>The inclusive range of ids an id term such as <c>&gt;=123</c> or a GID allows.</summary>
    internal static (long Min, long Max) IdRange(string term, string query)
    {
        var (op, value) = SplitOperator(term);
        return ToRange(op, ParseId(value, query), 1);
    }

    /// <summary>A term's value without its quotes.</summary>
    internal static string Unquoted(string term) => term.Trim('\'', '"');

    /// <summary>Two terms on one field both hold: their ranges intersect.</summary>
    internal static (long Min, long Max) Narrow((long Min, long Max)? existing, (long Min, long Max) range) =>
        existing is var (min, max) ? (Math.Max(min, range.Min), Math.Min(max, range.Max)) : range;

    /// <summary>
    /// Turns "value op amount/scale" into an inclusive range of whole values. Record times are whole
    /// seconds while a query may give fractions, hence the floor/ceiling arithmetic.
    /// </summary>
    private static (long Min, long Max) ToRange(string op, long amount, long scale)
    {
        var floor = Math.DivRem(amount, scale, out var remainder) - (remainder < 0 ? 1 : 0);
        var ceiling = floor + (remainder != 0 ? 1 : 0);
        return op switch
        {
            ">" => (floor + 1, long.MaxValue),
            ">=" => (ceiling, long.MaxValue),
            "<" => (long.MinValue, ceiling - 1),
            "<=" => (long.MinValue, floor),
            _ => (ceiling, floor),
        };
    }

    private static (string Op, string Value) SplitOperator(string text)
    {
        var op = text.StartsWith(">=", StringComparison.Ordinal) ? ">="
            : text.StartsWith("<=", StringComparison.Ordinal) ? "<="
            : text.StartsWith('>') ? ">"
            : text.StartsWith('<') ? "<"
            : string.Empty;
        return (op, Unquoted(text[op.Length..]));
    }

    private static long ParseId(string value, string query)
    {
        var numeric = Gid.TryParse(value, out _, out var fromGid) ? fromGid
            : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) ? plain
            : throw Unsupported(query, $"'{value}' is not an id.");
        return numeric;
    }

    /// <summary>Ticks since the Unix epoch.</summary>
    private static long ParseTime(string value, TimeZoneInfo shopTimeZone, string query)
    {
        DateTimeOffset instant;
        if (ExplicitOffset().IsMatch(value))
        {
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant))
            {
                throw Unsupported(query, $"'{value}' is not a date or time.");
            }
        }
        else
        {
            if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                throw Unsupported(query, $"'{value}' is not a date or time.");
            }

            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            instant = new DateTimeOffset(unspecified, shopTimeZone.GetUtcOffset(unspecified));
        }

        return instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
    }

    internal static ShopifyExecutionError Unsupported(string query, string detail) =>
        new($"Invalid search query '{query}': {detail}", "BAD_REQUEST");

    // A term is a run of non-space characters in which quoted parts may contain spaces.
    [GeneratedRegex("""(?:[^\s'"]|'[^']*'|"[^"]*")+""")]
    private static partial Regex Term();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}
