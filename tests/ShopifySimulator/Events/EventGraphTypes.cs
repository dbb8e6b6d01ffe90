using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.GraphQL.Paging;
using ShopIngest.ShopifySimulator.GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Events;

/// <summary>
/// https://shopify.dev/docs/api/admin-graphql/2025-10/interfaces/Event: the fields every event has. The simulator's
/// events are all BasicEvents.
/// </summary>
internal sealed class EventGraphType : InterfaceGraphType<EventRecord>
{
    public EventGraphType()
    {
        Name = "Event";
        Description = "Events chronicle resource activities such as the creation of an article, the fulfillment of an order, or the addition of a product.";
        EventFields.Add(this);
    }
}

/// <summary>
/// https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BasicEvent, limited to the fields a client reads to find
/// what happened to which record: the Event fields plus subjectId, subjectType, hasAdditionalContent and
/// secondaryMessage. The subject itself (HasEvents) is not served: a destroyed record has none.
/// </summary>
internal sealed class BasicEventGraphType : ObjectGraphType<EventRecord>
{
    public BasicEventGraphType()
    {
        Name = "BasicEvent";
        Description = "Basic events chronicle resource activities such as the creation of an article, the fulfillment of an order, or the addition of a product.";
        Interface<EventGraphType>();
        IsTypeOf = value => value is EventRecord;
        EventFields.Add(this);
        Field<NonNullGraphType<BooleanGraphType>>("hasAdditionalContent").Description("Whether the event has additional content.")
            .Resolve(_ => false);
        Field<FormattedStringGraphType>("secondaryMessage").Description("Human readable text that supports the event message.")
            .Resolve(_ => null);
        Field<NonNullGraphType<IdGraphType>>("subjectId").Description("The ID of the resource that generated the event.")
            .Resolve(context => context.Source.SubjectGid);
        Field<NonNullGraphType<EventSubjectTypeGraphType>>("subjectType").Description("The type of the resource that generated the event.")
            .Resolve(context => context.Source.Subject.TypeName());
    }
}

/// <summary>The fields of the Event interface, declared on the interface and resolved on each type implementing it.</summary>
internal static class EventFields
{
    public static void Add(IComplexGraphType type)
    {
        Field<NonNullGraphType<StringGraphType>>(type, "action", "The action that occured.", record => record.Action);
        Field<StringGraphType>(type, "appTitle", "The name of the app that created the event.", _ => null);
        Field<NonNullGraphType<BooleanGraphType>>(type, "attributeToApp", "Whether the event was created by an app.", _ => false);
        Field<NonNullGraphType<BooleanGraphType>>(type, "attributeToUser", "Whether the event was caused by an admin user.", _ => true);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>(
            type, "createdAt", "The date and time when the event was created.", record => UnixTime.ToDateTime(record.CreatedAt));
        Field<NonNullGraphType<BooleanGraphType>>(type, "criticalAlert", "Whether the event is critical.", _ => false);
        Field<NonNullGraphType<IdGraphType>>(type, "id", "A globally-unique ID.", record => record.Gid);
        Field<NonNullGraphType<FormattedStringGraphType>>(type, "message", "Human readable text that describes the event.", record => record.Message);
    }

    private static void Field<TGraphType>(IComplexGraphType type, string name, string description, Func<EventRecord, object?> resolve)
        where TGraphType : IGraphType =>
        type.AddField(new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(TGraphType),
            // An interface's fields are resolved by the object type implementing it.
            Resolver = type is IInterfaceGraphType ? null : new FuncFieldResolver<object?>(context => resolve((EventRecord)context.Source!)),
        });
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/EventSubjectType: every value, of which the simulator records three.</summary>
internal sealed class EventSubjectTypeGraphType : EnumerationGraphType
{
    public EventSubjectTypeGraphType()
    {
        Name = "EventSubjectType";
        Description = "The type of the resource that generated the event.";
        foreach (var value in new[]
                 {
                     "ARTICLE", "BLOG", "COLLECTION", "COMMENT", "COMPANY", "COMPANY_LOCATION", "CUSTOMER", "DISCOUNT_AUTOMATIC_BXGY",
                     "DISCOUNT_AUTOMATIC_NODE", "DISCOUNT_CODE_NODE", "DISCOUNT_NODE", "DRAFT_ORDER", "INVENTORY_TRANSFER", "ORDER",
                     "PAGE", "PRICE_RULE", "PRODUCT", "PRODUCT_VARIANT", "UNKNOWN",
                 })
        {
            Add(value, value);
        }
    }
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/EventSortKeys: CREATED_AT and ID.</summary>
internal sealed class EventSortKeysGraphType() : ShopifyEnumGraphType<CreationSortKeys>(
    "EventSortKeys", "The set of valid sort keys for the Event query.");

internal sealed class DeletionEventSortKeysGraphType() : ShopifyEnumGraphType<CreationSortKeys>(
    "DeletionEventSortKeys", "The set of valid sort keys for the DeletionEvent query.");

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/DeletionEventSubjectType</summary>
internal enum DeletionEventSubjectType
{
    Collection,
    Product,
}

internal sealed class DeletionEventSubjectTypeGraphType() : ShopifyEnumGraphType<DeletionEventSubjectType>(
    "DeletionEventSubjectType", "The supported subject types of deletion events.");

/// <summary>
/// https://shopify.dev/docs/api/admin-graphql/2025-10/objects/DeletionEvent: a product's destroy event seen through the
/// deprecated <c>deletionEvents</c>.
/// </summary>
internal sealed class DeletionEventGraphType : ObjectGraphType<EventRecord>
{
    public DeletionEventGraphType()
    {
        Name = "DeletionEvent";
        Description = "Deletion events chronicle the destruction of resources (e.g. products and collections). Once deleted, the deletion event is the only trace of the original's existence, as the resource itself has been removed and can no longer be accessed.";
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("occurredAt").Description("The date and time when the deletion event for the related resource was generated.")
            .Resolve(context => UnixTime.ToDateTime(context.Source.CreatedAt));
        Field<NonNullGraphType<IdGraphType>>("subjectId").Description("The ID of the resource that was deleted.")
            .Resolve(context => context.Source.SubjectGid);
        Field<NonNullGraphType<DeletionEventSubjectTypeGraphType>>("subjectType").Description("The type of resource that was deleted.")
            .Resolve(_ => DeletionEventSubjectType.Product);
    }
}

/// <summary>
/// The event fields of the query root. A request sees the events of the resources its token may read, once they exist:
/// Shopify writes an event a few seconds after the action, "in rare cases it can take up to a few minutes"
/// (https://shopify.dev/api/admin-rest/2022-10/resources/event), which the simulator plays with the shop's
/// <c>searchIndexLagSeconds</c>: an event shows from that long after the change was made on, with the change's time as
/// its createdAt. A client that asks for events created after the newest one it has seen misses those that showed late.
/// </summary>
internal static class EventQueryRootFields
{
    private const int DefaultCountLimit = 10_000;

    public static void AddEventFields(this ObjectGraphType queryRoot)
    {
        queryRoot.Field<NonNullGraphType<ConnectionGraphType<EventGraphType>>>("events")
            .Description("The paginated list of events associated with the store.")
            .WithPaging()
            .Argument<EventSortKeysGraphType>("sortKey", "Sort the underlying list using a key.", argument => argument.DefaultValue = CreationSortKeys.Id)
            .Argument<StringGraphType>("query", "A filter made up of terms, connectives, modifiers, and comparators.")
            .Resolve(context =>
            {
                var visible = Visible(context, EventSearch.Parse(context.GetArgument<string?>("query"), context.ShopData().Settings.TimeZone));
                return Page(context, context.GetArgument("sortKey", CreationSortKeys.Id), visible);
            });

        queryRoot.Field<EventGraphType>("event")
            .Description("Get a single event by its id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The ID of the event.")
            .Resolve(context =>
            {
                var log = context.ShopData().Events;
                var index = Gid.ParseFor("BasicEvent", context.GetArgument<string>("id")) is { } id ? log.IndexOfId(id) : -1;
                return index >= 0 && Visible(context, EventSearch.Everything)(log[index]) ? log[index] : null;
            });

        queryRoot.Field<CountGraphType>("eventsCount")
            .Description("Count of events. Limited to a maximum of 10000.")
            .Argument<StringGraphType>("query", "A filter made up of terms, connectives, modifiers, and comparators.")
            .Resolve(context =>
            {
                var visible = Visible(context, EventSearch.Parse(context.GetArgument<string?>("query"), context.ShopData().Settings.TimeZone));
                var log = context.ShopData().Events;
                var count = Enumerable.Range(0, log.Count).Count(index => visible(log[index]));
                return count > DefaultCountLimit ? new CountResult(DefaultCountLimit, CountPrecision.AtLeast) : new CountResult(count, CountPrecision.Exact);
            });

        // Deprecated since 2024-04 but still served in 2025-10
        // (https://shopify.dev/docs/api/admin-graphql/2025-10/queries/deletionEvents): PRODUCT and COLLECTION only.
        queryRoot.Field<NonNullGraphType<ConnectionGraphType<DeletionEventGraphType>>>("deletionEvents")
            .Description("The paginated list of deletion events.")
            .DeprecationReason("Use `events` instead.")
            .WithPaging()
            .Argument<ListGraphType<NonNullGraphType<DeletionEventSubjectTypeGraphType>>>("subjectTypes", "List of subject types to filter by.")
            .Argument<DeletionEventSortKeysGraphType>("sortKey", "Sort the underlying list using a key.", argument => argument.DefaultValue = CreationSortKeys.Id)
            .Argument<StringGraphType>("query", "A filter made up of terms, connectives, modifiers, and comparators.")
            .Resolve(context =>
            {
                var types = context.GetArgument<List<DeletionEventSubjectType>?>("subjectTypes");
                var products = types is null || types.Contains(DeletionEventSubjectType.Product);
                var search = EventSearch.Parse(context.GetArgument<string?>("query"), context.ShopData().Settings.TimeZone);
                var visible = Visible(context, search);
                return Page(
                    context,
                    context.GetArgument("sortKey", CreationSortKeys.Id),
                    record => products && record is { Subject: EventSubject.Product, Action: EventRecord.Destroy } && visible(record));
            });
    }

    /// <summary>Whether the request sees an event: the token reads its subject, it exists by now, and it matches.</summary>
    /// <remarks>
    /// The lag counts from when the change was made (<see cref="EventRecord.RecordedAt"/>), not from its createdAt: a
    /// change is stamped later than any time the shop already has, so one made in the second the shop was created (or
    /// in the second of another change) carries the next second. Counted from createdAt, such an event would stay hidden
    /// for up to a second after the change returned, even without a lag; Shopify dates an event when its action
    /// happened and shows it once its index has it.
    /// </remarks>
    private static Func<EventRecord, bool> Visible(IResolveFieldContext context, EventSearch search)
    {
        var request = context.Request();
        var indexedUpTo = UnixTime.Seconds(request.Now) - request.SearchIndexLagSeconds;
        return record => record.RecordedAt <= indexedUpTo && request.Scopes.Allows(record.Subject.ReadScope()) && search.Matches(record);
    }

    private static Connection Page(IResolveFieldContext context, CreationSortKeys sortKey, Func<EventRecord, bool> matches)
    {
        var log = context.ShopData().Events;
        return Connections.ForSequence(
            0,
            log.Count,
            index => new SortPosition(sortKey == CreationSortKeys.CreatedAt ? log[index].CreatedAt : log[index].Id, log[index].Id),
            index => matches(log[index]),
            context.PageArguments(),
            index => log[index]);
    }
}
