using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Events;

/// <summary>
/// The resources whose events the simulator records, with the value of Shopify's EventSubjectType
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/enums/EventSubjectType), the GID resource name and the scope a
/// token needs to see them.
/// </summary>
internal enum EventSubject
{
    Customer,
    Order,
    Product,
}

internal static class EventSubjects
{
    public static string TypeName(this EventSubject subject) => subject switch
    {
        EventSubject.Customer => "CUSTOMER",
        EventSubject.Order => "ORDER",
        _ => "PRODUCT",
    };

    public static string Resource(this EventSubject subject) => subject.ToString();

    public static string ReadScope(this EventSubject subject) => subject switch
    {
        EventSubject.Customer => GrantedScopes.ReadCustomers,
        EventSubject.Order => GrantedScopes.ReadOrders,
        _ => GrantedScopes.ReadProducts,
    };
}

/// <summary>
/// One BasicEvent (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BasicEvent): what happened to which record
/// and when. Its action is one of the documented ones: create, update and destroy for any item; placed, cancelled and
/// refund_success for orders.
/// </summary>
/// <param name="Id">Grows with <paramref name="CreatedAt"/>, so ID and CREATED_AT order agree.</param>
/// <param name="Subject">The kind of record it happened to.</param>
/// <param name="SubjectId">The record's numeric id; the record itself may be gone.</param>
/// <param name="Action">What happened, such as <c>destroy</c>.</param>
/// <param name="CreatedAt">Unix seconds: the change's time.</param>
/// <param name="RecordedAt">
/// Unix seconds on the simulator's clock when the change was made, from which the search index lag counts. It can be
/// a second or more before <paramref name="CreatedAt"/>: a change is stamped later than any time the shop already has
/// (<see cref="Generation.ShopChanges"/>), so a change made in the second the shop was created, or in the same second
/// as another change, carries a time the clock has not reached yet.
/// </param>
/// <param name="Message">The human-readable text Shopify writes.</param>
internal sealed record EventRecord(long Id, EventSubject Subject, long SubjectId, string Action, long CreatedAt, long RecordedAt, string Message)
{
    public const string Destroy = "destroy";

    public string Gid => Shops.Gid.For("BasicEvent", Id);

    public string SubjectGid => Shops.Gid.For(Subject.Resource(), SubjectId);
}

/// <summary>
/// The shop's events in the order they happened. Kept with the shop's data and written and read under its lock, as the
/// records are. Shopify keeps events for a year; the simulator keeps them all.
/// </summary>
internal sealed class EventLog
{
    private readonly List<EventRecord> _events = [];
    private long _nextId = 9_800_000_000_000;

    public int Count => _events.Count;

    public EventRecord this[int index] => _events[index];

    public EventRecord Record(EventSubject subject, long subjectId, string action, long createdAt, long recordedAt, string message)
    {
        var record = new EventRecord(_nextId += 17, subject, subjectId, action, createdAt, recordedAt, message);
        _events.Add(record);
        return record;
    }

    /// <summary>The position of the event with this id, or -1.</summary>
    public int IndexOfId(long id)
    {
        var found = _events.BinarySearch(new EventRecord(id, default, 0, string.Empty, 0, 0, string.Empty), ById.Instance);
        return found < 0 ? -1 : found;
    }

    private sealed class ById : IComparer<EventRecord>
    {
        public static readonly ById Instance = new();

        public int Compare(EventRecord? x, EventRecord? y) => (x?.Id ?? 0).CompareTo(y?.Id ?? 0);
    }
}
