namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>What <c>bulkOperationRunQuery</c> answered: the operation it created, or why it created none.</summary>
internal sealed record BulkStart(BulkOperationNode? Operation, bool ShopBusy, string? Refusal, ShopifyUsage Usage);

/// <summary>
/// Shopify's bulk query operations, through the same client (throttle, retries, error classification) as every other
/// query. https://shopify.dev/docs/api/usage/bulk-operations/queries
/// </summary>
internal sealed class ShopifyBulkOperations(ShopifyAdminClient client)
{
    /// <summary>Mutations are charged 10 points (https://shopify.dev/docs/api/usage/limits#cost-calculation).</summary>
    private const int StartCost = 10;

    /// <summary>The operation and the shop, one object each.</summary>
    private const int PollCost = QueryCosts.Object + QueryCosts.Object;

    private const string OperationFields = "id status errorCode createdAt objectCount rootObjectCount url partialDataUrl";

    private const string StartMutation = $$"""
        mutation StartExport($query: String!) {
          bulkOperationRunQuery(query: $query, groupObjects: false) {
            bulkOperation { {{OperationFields}} }
            userErrors { code message }
          }
        }
        """;

    // By id, not currentBulkOperation: that one only sees the app's latest operation, which may be another resource's.
    // 2025-10 has no bulkOperation(id:) query (it came with 2026-01): an operation is read through node(id:)
    // (https://shopify.dev/docs/api/usage/bulk-operations/queries, "Option B: Poll a running bulk operation").
    private const string PollQuery = $$"""
        query ExportStatus($id: ID!) {
          node(id: $id) { ... on BulkOperation { {{OperationFields}} } }
          shop { currencyCode ianaTimezone }
        }
        """;

    /// <summary>
    /// Starts an export of <paramref name="query"/>, its lines ungrouped: Shopify then need not keep each parent's
    /// children together, which is faster for it, and we join them in PostgreSQL anyway.
    /// </summary>
    public async Task<BulkStart> StartAsync(ShopAccess shop, string query, CancellationToken cancellationToken)
    {
        var result = await client.QueryAsync(shop, new ShopifyRequest(StartMutation, new Dictionary<string, object?> { ["query"] = query }, StartCost),
            ShopifyJsonContext.Default.GraphQLResponseBulkRunQueryData, cancellationToken);
        var payload = result.Data.BulkOperationRunQuery;
        if (payload?.UserErrors is [var error, ..])
        {
            // 2025-10 allows one bulk query per shop and app at a time: another resource's export is still running.
            return error.Code == "OPERATION_IN_PROGRESS"
                ? new BulkStart(null, ShopBusy: true, null, result.Usage)
                : new BulkStart(null, ShopBusy: false, $"{error.Code ?? "ERROR"}: {error.Message}", result.Usage);
        }

        return payload?.BulkOperation is { Id.Length: > 0 } operation
            ? new BulkStart(operation, ShopBusy: false, null, result.Usage)
            : new BulkStart(null, ShopBusy: false, "Shopify answered the bulk query without an operation or an error.", result.Usage);
    }

    /// <summary>The operation as it stands now (null if Shopify no longer knows it), and the shop's currency and time zone.</summary>
    public async Task<(BulkOperationNode? Operation, ShopDetails? Shop, ShopifyUsage Usage)> PollAsync(
        ShopAccess shop, string operationId, CancellationToken cancellationToken)
    {
        var result = await client.QueryAsync(shop, new ShopifyRequest(PollQuery, new Dictionary<string, object?> { ["id"] = operationId }, PollCost),
            ShopifyJsonContext.Default.GraphQLResponseBulkOperationData, cancellationToken);
        return (result.Data.Node is { Id.Length: > 0 } operation ? operation : null, result.Data.Shop, result.Usage);
    }
}
