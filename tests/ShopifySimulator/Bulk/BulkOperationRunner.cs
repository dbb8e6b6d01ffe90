using GraphQL.Types;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>A bulk operation as one request sees it: its progress at that moment, and where the request reached the simulator.</summary>
internal sealed record BulkOperationView(BulkOperation Operation, BulkProgress Progress, DateTimeOffset Now, string BaseUri)
{
    public static BulkOperationView Of(BulkOperation operation, ShopRequestContext request) =>
        new(operation, operation.Progress, request.Now, request.BaseUri);

    public string? UrlOf(BulkResultFile? file) => file is null ? null : BaseUri + file.Path;
}

/// <summary>What <c>bulkOperationRunQuery</c> and <c>bulkOperationCancel</c> answer.</summary>
internal sealed record BulkPayload(BulkOperationView? BulkOperation, IReadOnlyList<BulkUserError> UserErrors)
{
    public static BulkPayload Refused(BulkUserError error, BulkOperationView? operation = null) => new(operation, [error]);
}

/// <summary>
/// Starts and cancels bulk operations: checks the query, keeps one query operation per shop at a time, and runs each
/// export in the background until it ends or the simulator stops.
/// </summary>
internal sealed class BulkOperationRunner(SimulatorClock clock, BulkResultFiles files, ILogger<BulkOperationRunner> logger) : IDisposable
{
    private static readonly string[] IdField = ["id"];

    private readonly CancellationTokenSource _stopping = new();

    // Ids shaped like Shopify's, unique across the simulator's shops.
    private long _lastId = 4_300_000_000;

    /// <summary>Runs on the request that asks, while it holds the shop's data.</summary>
    public async Task<BulkPayload> StartAsync(ShopRequestContext request, ISchema schema, string query, bool groupObjects)
    {
        var (plan, invalid) = await BulkQueryCompiler.CompileAsync(query, schema);
        if (plan is null)
        {
            return BulkPayload.Refused(invalid!);
        }

        if (Probe(plan, schema, request) is { } unreadable)
        {
            return BulkPayload.Refused(unreadable);
        }

        var shop = request.Shop;
        var operation = new BulkOperation(Interlocked.Increment(ref _lastId), query, request.Now);
        if (shop.BulkOperations.TryStart(operation) is { } running)
        {
            return BulkPayload.Refused(new BulkUserError(
                null,
                $"A bulk query operation for this app and shop is already in progress: {running.Gid}.",
                BulkOperationUserErrorCode.OperationInProgress));
        }

        var ordinal = shop.Stats.BulkOperationStarted();

        // Ungrouped output is shuffled page by page, the same way for the same seed and the same n-th operation of a shop.
        var order = groupObjects ? null : new Random(Seeds.Derive(shop.Definition.Seed, Seeds.BulkOrder) + (int)ordinal);

        // Taken before the export can move it on: the mutation answers CREATED, as Shopify's does.
        var created = BulkOperationView.Of(operation, request);
        var setup = new BulkExportSetup(
            shop, plan, new ShopRequestContext(shop, request.Scopes, request.Now), order, shop.Faults.NextBulk(), schema);
        var stopping = _stopping.Token;

        // Made here, not on the task: its pace counts from now, whenever the task gets a thread.
        var export = new BulkExport(operation, setup, files, clock.Time, logger);
        _ = Task.Run(async () =>
        {
            using (export)
            {
                await export.RunAsync(stopping);
            }
        });
        return new BulkPayload(created, []);
    }

    public static BulkPayload Cancel(ShopRequestContext request, string? id)
    {
        if (request.Shop.BulkOperations.Find(id) is not { } operation)
        {
            return BulkPayload.Refused(new BulkUserError(IdField, "Bulk operation does not exist"));
        }

        if (!operation.RequestCancel())
        {
            var status = BulkOperation.StatusAt(operation.Progress, request.Now).ToString().ToLowerInvariant();
            return BulkPayload.Refused(
                new BulkUserError(null, $"A bulk operation cannot be canceled when it is {status}"), BulkOperationView.Of(operation, request));
        }

        return new BulkPayload(BulkOperationView.Of(operation, request), []);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>
    /// What the top-level connection refuses in its arguments (a search it cannot read) is a user error before anything
    /// starts. A missing scope is not: Shopify creates the operation and fails it with ACCESS_DENIED.
    /// </summary>
    private static BulkUserError? Probe(BulkQueryPlan plan, ISchema schema, ShopRequestContext request)
    {
        try
        {
            using var chunk = new JsonlChunk(schema, request);
            chunk.Probe(plan.Root, schema);
            return null;
        }
        catch (ShopifyExecutionError e) when (e.Code != "ACCESS_DENIED")
        {
            return new BulkUserError(["query"], $"Invalid bulk query: {e.Message}", BulkOperationUserErrorCode.Invalid);
        }
        catch (ShopifyExecutionError)
        {
            return null;
        }
    }
}
