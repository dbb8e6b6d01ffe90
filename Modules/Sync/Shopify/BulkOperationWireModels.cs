namespace ShopIngest.Modules.Sync.Shopify;

// Bulk operations as the Admin API 2025-10 declares them:
// https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BulkOperation,
// https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/bulkOperationRunQuery.

/// <summary>
/// BulkOperation: <c>id: ID!</c>, <c>status: BulkOperationStatus!</c>, <c>createdAt: DateTime!</c>,
/// <c>objectCount</c> and <c>rootObjectCount: UnsignedInt64!</c> (sent as strings); <c>errorCode</c>, <c>url</c> and
/// <c>partialDataUrl</c> are nullable.
/// </summary>
internal sealed class BulkOperationNode
{
    public string Id { get; set; } = null!;

    /// <summary>CANCELED, CANCELING, COMPLETED, CREATED, EXPIRED, FAILED or RUNNING.</summary>
    public string Status { get; set; } = null!;

    /// <summary>ACCESS_DENIED, INTERNAL_SERVER_ERROR or TIMEOUT, for a failed operation.</summary>
    public string? ErrorCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long ObjectCount { get; set; }

    public long RootObjectCount { get; set; }

    /// <summary>The JSONL result; expires 7 days after the operation completes.</summary>
    public string? Url { get; set; }

    public string? PartialDataUrl { get; set; }
}

/// <summary>BulkOperationUserError: <c>code</c> (INVALID or OPERATION_IN_PROGRESS in 2025-10) is nullable.</summary>
internal sealed class BulkOperationUserError
{
    public string? Code { get; set; }

    public string Message { get; set; } = "";
}

/// <summary>BulkOperationRunQueryPayload: <c>bulkOperation</c> is null when <c>userErrors</c> say why.</summary>
internal sealed class BulkOperationRunQueryPayload
{
    public BulkOperationNode? BulkOperation { get; set; }

    public IReadOnlyList<BulkOperationUserError> UserErrors { get; set; } = [];
}

internal sealed class BulkRunQueryData
{
    public BulkOperationRunQueryPayload? BulkOperationRunQuery { get; set; }
}

internal sealed class BulkOperationData
{
    /// <summary><c>node(id:)</c>: null for an id Shopify does not know (or no longer keeps).</summary>
    public BulkOperationNode? Node { get; set; }

    public ShopDetails? Shop { get; set; }
}
