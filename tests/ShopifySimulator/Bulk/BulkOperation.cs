namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/BulkOperationStatus</summary>
internal enum BulkOperationStatus
{
    Canceled,
    Canceling,
    Completed,
    Created,
    Expired,
    Failed,
    Running,
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/BulkOperationErrorCode</summary>
internal enum BulkOperationErrorCode
{
    AccessDenied,
    InternalServerError,
    Timeout,
}

/// <summary>The simulator runs queries only; MUTATION exists so that <c>currentBulkOperation(type: MUTATION)</c> is valid.</summary>
internal enum BulkOperationType
{
    Mutation,
    Query,
}

/// <summary>
/// Where an export stands, replaced as a whole by the export and read as a whole by requests, so one answer never
/// mixes two moments. <see cref="ExpiresAt"/> is when the result stops being served as Shopify serves it (7 days after
/// completion); <see cref="Result"/> and <see cref="PartialData"/> are the files behind <c>url</c> and <c>partialDataUrl</c>.
/// </summary>
internal sealed record BulkProgress(BulkOperationStatus Status, long ObjectCount, long RootObjectCount)
{
    public static BulkProgress Created { get; } = new(BulkOperationStatus.Created, 0, 0);

    public BulkOperationErrorCode? ErrorCode { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public long? FileSize { get; init; }
    public BulkResultFile? Result { get; init; }
    public BulkResultFile? PartialData { get; init; }

    public bool InProgress => Status is BulkOperationStatus.Created or BulkOperationStatus.Running or BulkOperationStatus.Canceling;
}

/// <summary>One bulk query operation of one shop; its export publishes its progress here as it runs.</summary>
internal sealed class BulkOperation(long id, string query, DateTimeOffset createdAt)
{
    private readonly TaskCompletionSource _cancelRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private volatile BulkProgress _progress = BulkProgress.Created;

    public long Id { get; } = id;

    public string Gid { get; } = Shops.Gid.For("BulkOperation", id);

    public string Query { get; } = query;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public BulkProgress Progress => _progress;

    /// <summary>Completes when <c>bulkOperationCancel</c> asks the export to stop, which it does at its next step.</summary>
    public Task CancelRequested => _cancelRequested.Task;

    /// <summary>Changes the progress; the export and a cancelation may both change it at once.</summary>
    public void Update(Func<BulkProgress, BulkProgress> change)
    {
        lock (_lock)
        {
            _progress = change(_progress);
        }
    }

    /// <summary>Moves an operation in progress to CANCELING; false when it has already ended.</summary>
    public bool RequestCancel()
    {
        lock (_lock)
        {
            if (!_progress.InProgress)
            {
                return false;
            }

            _progress = _progress with { Status = BulkOperationStatus.Canceling };
        }

        _cancelRequested.TrySetResult();
        return true;
    }

    /// <summary>The status as of <paramref name="now"/>: a completed export reads EXPIRED once its result is no longer served.</summary>
    public static BulkOperationStatus StatusAt(BulkProgress progress, DateTimeOffset now) =>
        progress is { Status: BulkOperationStatus.Completed, ExpiresAt: { } expires } && now >= expires
            ? BulkOperationStatus.Expired
            : progress.Status;
}
