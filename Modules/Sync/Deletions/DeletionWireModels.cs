using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Deletions;

/// <summary>
/// <c>events</c> (https://shopify.dev/docs/api/admin-graphql/2025-10/queries/events): <c>EventConnection!</c>. A node is
/// an Event; the BasicEvent fragment adds <c>subjectId: ID!</c> and <c>subjectType: EventSubjectType!</c>
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BasicEvent), which other event types do not have.
/// </summary>
internal sealed class DeletionEventsData
{
    public Connection<EventNode?>? Events { get; set; }
}

/// <summary>Event: <c>action: String!</c>, <c>createdAt: DateTime!</c>; BasicEvent: <c>subjectId: ID!</c>, <c>subjectType: EventSubjectType!</c>.</summary>
internal sealed class EventNode
{
    public string? Action { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? SubjectId { get; set; }

    public string? SubjectType { get; set; }
}

/// <summary>A resource's connection of ids, aliased <c>records</c> whichever resource it is, and on the first page its count.</summary>
internal sealed class RecordIdsData
{
    public Connection<NodeId?>? Records { get; set; }

    /// <summary>The nullable <c>Count</c> of <c>productsCount</c>, <c>customersCount</c> or <c>ordersCount</c>.</summary>
    public CountNode? Total { get; set; }
}
