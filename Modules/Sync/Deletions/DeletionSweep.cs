using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Deletions;

/// <summary>
/// The last step of every run: what Shopify deleted leaves the store. Polling <c>updatedAt</c> never sees a deletion, so
/// each run follows Shopify's deletion events from a stored cursor (cheap, a page or two), and, when asked for or once
/// every <see cref="SyncOptions.ReconcileInterval"/>, reconciles: lists every id Shopify has (a large shop's through a
/// bulk export, <see cref="BulkIdListing"/>) and deletes the stored
/// records it no longer lists, which catches deletions no event reports (Shopify documents destroy events for products
/// and orders, not for every resource, and keeps events for a limited time).
/// </summary>
internal sealed partial class DeletionSweep(
    ShopifyAdminClient client, BulkIdListing bulkListing, TenantTransactions transactions, TimeProvider time, IOptions<SyncOptions> options,
    ILogger<DeletionSweep> logger)
{
    // https://shopify.dev/docs/api/admin-graphql/2025-10/queries/events: the query filter takes action, subject_type and
    // created_at; subjectId and subjectType are fields of BasicEvent.
    private const string EventsQuery = """
        query DeletionEvents($first: Int!, $after: String, $query: String) {
          events(first: $first, after: $after, sortKey: CREATED_AT, query: $query) {
            nodes { action createdAt ... on BasicEvent { subjectId subjectType } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    // Deletions between two runs are few: a small page keeps the cost Shopify reserves for the request low.
    private const int EventsPageSize = 100;

    private const int IdsPageSize = 250;

    /// <summary>Shopify shows only the orders of the last 60 days to a token without read_all_orders; a day of margin.</summary>
    private static readonly TimeSpan RecentOrdersWindow = TimeSpan.FromDays(59);

    public async Task RunAsync<TRecord>(IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, DateTimeOffset runStarted, CancellationToken cancellationToken)
    {
        var checkpoint = await ReadAsync(tenant.TenantId, feed.Resource, cancellationToken);
        if (checkpoint is null)
        {
            // The resource's first run listed everything Shopify had: deletions from its start on are what remain.
            await WriteAsync(tenant.TenantId, feed.Resource, runStarted, runStarted, cancellationToken);
            return;
        }

        await FollowEventsAsync(feed, tenant, run, checkpoint.EventsCursor, cancellationToken);
        var now = time.GetUtcNow();
        if (checkpoint.ReconcileRequestedAt > checkpoint.ReconciledAt || checkpoint.ReconciledAt + options.Value.ReconcileInterval <= now)
        {
            await ReconcileAsync(feed, tenant, run, cancellationToken);
        }
    }

    private async Task FollowEventsAsync<TRecord>(
        IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, DateTimeOffset cursor, CancellationToken cancellationToken)
    {
        var since = UpdatedAtSearch.WholeSeconds(cursor - options.Value.Overlap);
        var search = string.Create(CultureInfo.InvariantCulture,
            $"action:destroy AND subject_type:{feed.Resource.EventSubjectType} AND created_at:>='{since:yyyy-MM-dd'T'HH:mm:ss'Z'}'");
        string? after = null;
        do
        {
            ShopifyResult<DeletionEventsData> result;
            try
            {
                result = await client.QueryAsync(tenant.Shop,
                    new ShopifyRequest(EventsQuery, new Dictionary<string, object?> { ["first"] = EventsPageSize, ["after"] = after, ["query"] = search },
                        QueryCosts.ConnectionCost(EventsPageSize, QueryCosts.Object)),
                    ShopifyJsonContext.Default.GraphQLResponseDeletionEventsData, cancellationToken);
            }
            catch (ShopifyAccessDeniedException denied)
            {
                // Events may need access the token lacks; reconciliation still finds the deletions, later.
                LogEventsDenied(logger, feed.Resource.Name, tenant.TenantId, denied.ShopifyMessage);
                await transactions.RunAsync(tenant.TenantId, tx => SyncRunStore.RecordProgressAsync(tx, run.RunId, new RunProgress(1, 0, 0, denied.Usage), cancellationToken), cancellationToken);
                return;
            }

            var events = FetchedPages.Required(result.Data.Events, "events", result.Usage);
            var deletes = new List<DeletedRecord>();
            var newest = cursor;
            foreach (var node in events.Nodes)
            {
                if (node is { Action: "destroy", CreatedAt: var at } && at != default
                    && string.Equals(node.SubjectType, feed.Resource.EventSubjectType, StringComparison.Ordinal)
                    && ShopifyGid.TryNumeric(node.SubjectId, out var id))
                {
                    deletes.Add(new DeletedRecord(id, at));
                    newest = at > newest ? at : newest;
                }
            }

            await transactions.RunAsync(tenant.TenantId, async transaction =>
            {
                var deleted = await feed.DeleteAsync(transaction, deletes, tenant.KnownTimeZone ?? "UTC", cancellationToken);
                await AdvanceEventsAsync(transaction, feed.Resource, newest, cancellationToken);
                await SyncRunStore.RecordProgressAsync(transaction, run.RunId, new RunProgress(1, 0, 0, result.Usage, RecordsDeleted: deleted.Applied), cancellationToken);
            }, cancellationToken);
            after = events.PageInfo.HasNextPage ? events.PageInfo.EndCursor : null;
        }
        while (after is not null);
    }

    private async Task ReconcileAsync<TRecord>(IResourceFeed<TRecord> feed, TenantRunContext tenant, PlannedRun run, CancellationToken cancellationToken)
    {
        var listedFrom = await transactions.RunAsync(tenant.TenantId, DatabaseNowAsync, cancellationToken);
        DateTimeOffset? createdSince = feed.Resource == SyncResource.Orders && !SeesAllOrders(tenant)
            ? listedFrom - RecentOrdersWindow
            : null;
        var search = createdSince is { } since
            ? string.Create(CultureInfo.InvariantCulture, $"created_at:>='{UpdatedAtSearch.WholeSeconds(since):yyyy-MM-dd'T'HH:mm:ss'Z'}'")
            : null;
        var (present, usage, pages) = await ListIdsAsync(feed.Resource, tenant, search, cancellationToken);
        var plural = feed.Resource.Name;
        var deleted = await transactions.RunAsync(tenant.TenantId, async transaction =>
        {
            var result = await feed.DeleteAbsentAsync(transaction, new PresentRecords(present, listedFrom, createdSince), tenant.KnownTimeZone ?? "UTC", cancellationToken);
            await MarkReconciledAsync(transaction, feed.Resource, listedFrom, cancellationToken);
            await SyncRunStore.RecordProgressAsync(transaction, run.RunId, new RunProgress(pages, 0, 0, usage, RecordsDeleted: result.Applied), cancellationToken);
            return result.Applied;
        }, cancellationToken);
        LogReconciled(logger, plural, tenant.TenantId, present.Count, deleted);
    }

    /// <summary>
    /// Every id Shopify has of the resource. Paged, 250 to a request; a resource that counts more than
    /// <see cref="SyncOptions.BulkThreshold"/> records (the first page asks the count) is listed by a bulk export instead,
    /// which costs a few points whatever its size, unless the export fails.
    /// </summary>
    private async Task<ListedIds> ListIdsAsync(SyncResource resource, TenantRunContext tenant, string? search, CancellationToken cancellationToken)
    {
        var plural = resource.Name;
        var threshold = options.Value.BulkThreshold;
        var query = $$"""
            query RecordIds($first: Int!, $after: String, $query: String, $counted: Boolean!, $countUpTo: Int) {
              records: {{plural}}(first: $first, after: $after, sortKey: ID, query: $query) { nodes { id } pageInfo { hasNextPage endCursor } }
              total: {{plural}}Count(query: $query, limit: $countUpTo) @include(if: $counted) { count }
            }
            """;
        var present = new HashSet<long>();
        var usage = new ShopifyUsage();
        var pages = 0;
        string? after = null;
        do
        {
            var counted = pages == 0 && threshold > 0;
            var variables = new Dictionary<string, object?>
            {
                ["first"] = IdsPageSize, ["after"] = after, ["query"] = search, ["counted"] = counted, ["countUpTo"] = threshold + 1,
            };
            var result = await client.QueryAsync(tenant.Shop,
                new ShopifyRequest(query, variables, QueryCosts.ConnectionCost(IdsPageSize, QueryCosts.Object) + (counted ? QueryCosts.Object : 0)),
                ShopifyJsonContext.Default.GraphQLResponseRecordIdsData, cancellationToken);
            var ids = FetchedPages.Required(result.Data.Records, plural, result.Usage);
            usage += result.Usage;
            pages++;
            if (counted && result.Data.Total?.Count > threshold && ids.PageInfo.HasNextPage)
            {
                if (await bulkListing.ListAsync(tenant.Shop, resource, search, cancellationToken) is { } exported)
                {
                    return exported with { Usage = usage + exported.Usage, Requests = pages + exported.Requests };
                }

                LogBulkListingFailed(logger, plural, tenant.TenantId);
            }

            foreach (var node in ids.Nodes)
            {
                if (ShopifyGid.TryNumeric(node?.Id, out var id))
                {
                    present.Add(id);
                }
            }

            after = ids.PageInfo.HasNextPage ? ids.PageInfo.EndCursor : null;
        }
        while (after is not null);

        return new ListedIds(present, usage, pages);
    }

    /// <summary>Unknown scopes (not checked yet) count as the narrower view: deleting too little is the safe side.</summary>
    private static bool SeesAllOrders(TenantRunContext tenant) => tenant.GrantedScopes?.Contains(ShopifyAccessScopes.ReadAllOrders) ?? false;

    private static async Task<DateTimeOffset> DatabaseNowAsync(IngestTransaction transaction)
    {
        await using var command = transaction.CreateCommand("SELECT now()");
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    private Task<DeletionCheckpoint?> ReadAsync(Guid tenantId, SyncResource resource, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                SELECT events_cursor, reconciled_at, reconcile_requested_at FROM {Table} WHERE tenant_id = @tenant_id AND resource = @resource
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", resource.Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new DeletionCheckpoint
                {
                    TenantId = tenantId,
                    Resource = resource.Name,
                    EventsCursor = reader.GetFieldValue<DateTimeOffset>(0),
                    ReconciledAt = reader.GetFieldValue<DateTimeOffset>(1),
                    ReconcileRequestedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                }
                : null;
        }, cancellationToken);

    private Task WriteAsync(Guid tenantId, SyncResource resource, DateTimeOffset eventsCursor, DateTimeOffset reconciledAt, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                INSERT INTO {Table} (tenant_id, resource, events_cursor, reconciled_at) VALUES (@tenant_id, @resource, @events_cursor, @reconciled_at)
                ON CONFLICT (tenant_id, resource) DO NOTHING
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", resource.Name);
            command.Parameters.AddWithValue("events_cursor", eventsCursor.ToUniversalTime());
            command.Parameters.AddWithValue("reconciled_at", reconciledAt.ToUniversalTime());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Never moves the cursor back: the overlap re-reads events already applied.</summary>
    private static Task AdvanceEventsAsync(IngestTransaction transaction, SyncResource resource, DateTimeOffset newest, CancellationToken cancellationToken) =>
        SetAsync(transaction, resource, "events_cursor = GREATEST(events_cursor, @value)", newest, cancellationToken);

    private static Task MarkReconciledAsync(IngestTransaction transaction, SyncResource resource, DateTimeOffset listedFrom, CancellationToken cancellationToken) =>
        SetAsync(transaction, resource, "reconciled_at = @value", listedFrom, cancellationToken);

    private static async Task SetAsync(IngestTransaction transaction, SyncResource resource, string assignment, DateTimeOffset value, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"UPDATE {Table} SET {assignment} WHERE tenant_id = @tenant_id AND resource = @resource");
        command.Parameters.AddWithValue("tenant_id", transaction.TenantId);
        command.Parameters.AddWithValue("resource", resource.Name);
        command.Parameters.AddWithValue("value", value.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Asks the next run of each resource to reconcile, whenever it last did.</summary>
    public Task RequestReconciliationAsync(Guid tenantId, IReadOnlyList<SyncResource> resources, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            // A resource never synced has no checkpoint yet: its first sync lists everything anyway.
            await using var command = transaction.CreateCommand(
                $"UPDATE {Table} SET reconcile_requested_at = now() WHERE tenant_id = @tenant_id AND resource = ANY(@resources)");
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resources", resources.Select(r => r.Name).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private const string Table = $"{SyncDbContext.Schema}.deletion_checkpoints";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deletion events of {Resource} for tenant {TenantId} were refused ({Reason}); reconciliation will find the deletions")]
    private static partial void LogEventsDenied(ILogger logger, string resource, Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bulk export of {Resource} ids for tenant {TenantId} failed; the reconciliation pages them instead")]
    private static partial void LogBulkListingFailed(ILogger logger, string resource, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Resource} for tenant {TenantId}: Shopify lists {Present}, {Deleted} deleted")]
    private static partial void LogReconciled(ILogger logger, string resource, Guid tenantId, int present, int deleted);
}
