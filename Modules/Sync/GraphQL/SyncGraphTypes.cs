using GraphQL.Types;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Scheduling;

namespace ShopIngest.Modules.Sync.GraphQL;

internal sealed class SyncRunGraphType : ObjectGraphType<SyncRun>
{
    public SyncRunGraphType()
    {
        Name = "SyncRun";
        Description = "One sync of one resource of the shop from Shopify.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The run's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("resource").Description("What it syncs: products, customers or orders.").Resolve(c => c.Source.Resource);
        Field<NonNullGraphType<StringGraphType>>("trigger").Description("What started it: schedule or manual.").Resolve(c => c.Source.Trigger);
        Field<NonNullGraphType<StringGraphType>>("status").Description("running, succeeded or failed.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("requestedAt").Description("When it was asked for.").Resolve(c => c.Source.RequestedAt);
        Field<DateTimeOffsetGraphType>("startedAt")
            .Description("When it began pulling from Shopify; null while it waits for the shop's previous run.").Resolve(c => c.Source.StartedAt);
        Field<DateTimeOffsetGraphType>("finishedAt").Description("When it ended; null while it runs.").Resolve(c => c.Source.FinishedAt);
        Field<StringGraphType>("node")
            .Description("The server replica that ran it (the last one, when another resumed it); null before it started.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<IntGraphType>>("pages").Description("Pages fetched from Shopify and written.").Resolve(c => c.Source.Pages);
        Field<NonNullGraphType<LongGraphType>>("recordsFetched").Description("Records received from Shopify.").Resolve(c => c.Source.RecordsFetched);
        Field<NonNullGraphType<LongGraphType>>("recordsUpserted")
            .Description("Records written: received ones not older than what was stored.").Resolve(c => c.Source.RecordsUpserted);
        Field<NonNullGraphType<LongGraphType>>("recordsDeleted")
            .Description("Records removed because Shopify deleted them: found in its deletion events, or missing from a reconciliation's list of ids.")
            .Resolve(c => c.Source.RecordsDeleted);
        Field<NonNullGraphType<LongGraphType>>("recordsSkipped")
            .Description("Records received but unusable (for example without an id), each logged with its reason; the run goes on without them.")
            .Resolve(c => c.Source.RecordsSkipped);
        Field<NonNullGraphType<LongGraphType>>("apiPointsSpent").Description("Shopify API points it cost (actualQueryCost).").Resolve(c => c.Source.ApiPoints);
        Field<NonNullGraphType<LongGraphType>>("throttleWaitMs")
            .Description("Milliseconds spent waiting for the shop's API budget.").Resolve(c => c.Source.ThrottleWaitMs);
        Field<NonNullGraphType<IntGraphType>>("throttledResponses")
            .Description("THROTTLED or HTTP 429 answers received (each was waited out and retried).").Resolve(c => c.Source.ThrottledResponses);
        Field<NonNullGraphType<IntGraphType>>("retries")
            .Description("Requests retried after a 5xx, a timeout, a reset connection or malformed JSON.").Resolve(c => c.Source.Retries);
        Field<StringGraphType>("error").Description("Why it failed, in words; null unless it failed.").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<StringGraphType>>("mode")
            .Description("paged (pages of the history through the shop's API budget) or bulk (a Shopify bulk export of the whole history, for a large first sync).")
            .Resolve(c => c.Source.Mode);
        Field<StringGraphType>("bulkOperationId").Description("The Shopify bulk operation of a bulk run.").Resolve(c => c.Source.BulkOperationId);
        Field<StringGraphType>("bulkStatus")
            .Description("That operation's Shopify status as last polled: CREATED, RUNNING, COMPLETED, FAILED, CANCELED or EXPIRED.")
            .Resolve(c => c.Source.BulkStatus);
        Field<LongGraphType>("bulkObjectCount")
            .Description("Objects Shopify has exported so far, line items and variants included.").Resolve(c => c.Source.BulkObjectCount);
        Field<LongGraphType>("bulkRootObjectCount")
            .Description("Records (orders, products or customers) Shopify has exported so far.").Resolve(c => c.Source.BulkRootObjectCount);
        Field<LongGraphType>("expectedRecords")
            .Description("How many records Shopify counted when the first sync began; a progress bar's whole.").Resolve(c => c.Source.ExpectedRecords);
        Field<StringGraphType>("notice")
            .Description("What the merchant should know about how the run went, such as a bulk export that failed and was paged instead.")
            .Resolve(c => c.Source.Notice);
    }
}

internal sealed class SyncResourceStatusGraphType : ObjectGraphType<SyncResourceStatus>
{
    public SyncResourceStatusGraphType()
    {
        Name = "SyncResourceStatus";
        Description = "Where the sync of one resource of the shop stands.";
        Field<NonNullGraphType<StringGraphType>>("resource").Description("products, customers or orders.").Resolve(c => c.Source.Resource);
        Field<DateTimeOffsetGraphType>("cursor")
            .Description("The greatest Shopify updatedAt stored; the next run asks for records updated since (minus the overlap). Null before the first page.")
            .Resolve(c => c.Source.Cursor);
        Field<SyncRunGraphType>("lastRun").Description("The latest run of this resource, if any.").Resolve(c => c.Source.LastRun);
    }
}

internal sealed class SyncScheduleGraphType : ObjectGraphType<ShopScheduleStatus>
{
    public SyncScheduleGraphType()
    {
        Name = "SyncSchedule";
        Description = "When the shop's scheduled sync runs: each starts one interval after the last one started, never sooner.";
        Field<NonNullGraphType<FloatGraphType>>("syncLagSeconds")
            .Description("How many seconds past its due time the shop's next scheduled sync is without having started; 0 while the schedule keeps its promise.")
            .Resolve(c => c.Source.LagSeconds);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("dueAt")
            .Description("When the next scheduled sync is due: the last one's start plus the interval.").Resolve(c => c.Source.DueAt);
        Field<DateTimeOffsetGraphType>("lastStartedAt").Description("When the last scheduled sync started; null before the first.").Resolve(c => c.Source.LastStartedAt);
        Field<StringGraphType>("lastNode").Description("The server replica that started it.").Resolve(c => c.Source.LastNode);
    }
}
