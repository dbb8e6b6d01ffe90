using ShopIngest.ShopifySimulator.GraphQL.Paging;

namespace ShopIngest.ShopifySimulator.Events;

/// <summary>
/// The <c>query:</c> filter of <c>events</c> and <c>eventsCount</c> as the 2025-10 reference lists its fields
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/queries/events): <c>action</c> (<c>action:destroy</c>),
/// <c>subject_type</c> (an EventSubjectType value, <c>subject_type:ORDER</c>), <c>created_at</c> and <c>id</c> with the
/// comparators of every Shopify search, and <c>comments</c> (whether comment events are included; the simulator records
/// none). Terms join with AND, as in <see cref="SearchQuery"/>; values of action and subject_type match without regard
/// to case. <c>deletionEvents</c> reads the same syntax, its time field being <c>occurred_at</c>.
/// </summary>
internal sealed class EventSearch
{
    private readonly List<string> _actions = [];
    private readonly List<string> _subjectTypes = [];
    private (long Min, long Max)? _createdAt;
    private (long Min, long Max)? _id;

    public static EventSearch Everything { get; } = new();

    public static EventSearch Parse(string? query, TimeZoneInfo shopTimeZone)
    {
        var search = new EventSearch();
        if (string.IsNullOrWhiteSpace(query))
        {
            return search;
        }

        foreach (var (field, value) in SearchQuery.FieldTerms(query))
        {
            switch (field)
            {
                case "action":
                    search._actions.Add(SearchQuery.Unquoted(value));
                    break;
                case "subject_type":
                    search._subjectTypes.Add(SearchQuery.Unquoted(value));
                    break;
                case "created_at" or "occurred_at":
                    search._createdAt = SearchQuery.Narrow(search._createdAt, SearchQuery.TimeRange(value, shopTimeZone, query));
                    break;
                case "id":
                    search._id = SearchQuery.Narrow(search._id, SearchQuery.IdRange(value, query));
                    break;
                default:
                    // "comments" selects comment events, of which the simulator has none; unknown fields are ignored, as
                    // Shopify ignores them.
                    break;
            }
        }

        return search;
    }

    public bool Matches(EventRecord record) =>
        _actions.TrueForAll(action => string.Equals(action, record.Action, StringComparison.OrdinalIgnoreCase))
        && _subjectTypes.TrueForAll(type => string.Equals(type, record.Subject.TypeName(), StringComparison.OrdinalIgnoreCase))
        && Within(_createdAt, record.CreatedAt)
        && Within(_id, record.Id);

    private static bool Within((long Min, long Max)? range, long value) =>
        range is not var (min, max) || (value >= min && value <= max);
}
