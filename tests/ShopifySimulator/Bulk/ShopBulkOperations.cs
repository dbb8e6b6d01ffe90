using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>A shop's bulk operations, by id, and the latest query operation (<c>currentBulkOperation</c>).</summary>
internal sealed class ShopBulkOperations
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, BulkOperation> _byId = [];
    private BulkOperation? _currentQuery;

    public BulkOperation? CurrentQuery
    {
        get
        {
            lock (_lock)
            {
                return _currentQuery;
            }
        }
    }

    public BulkOperation? Find(string? gid)
    {
        if (Gid.ParseFor("BulkOperation", gid) is not { } id)
        {
            return null;
        }

        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Makes <paramref name="operation"/> the shop's current query operation unless one is still in progress, which is
    /// returned instead: 2025-10 runs one bulk query operation per shop at a time
    /// (https://shopify.dev/docs/api/usage/bulk-operations/queries, "Limitations").
    /// </summary>
    public BulkOperation? TryStart(BulkOperation operation)
    {
        lock (_lock)
        {
            if (_currentQuery is { Progress.InProgress: true } running)
            {
                return running;
            }

            _byId[operation.Id] = operation;
            _currentQuery = operation;
            return null;
        }
    }

    /// <summary>Asks every export still running to stop: the shop is being removed or replaced.</summary>
    public void CancelAll()
    {
        lock (_lock)
        {
            foreach (var operation in _byId.Values.Where(o => o.Progress.InProgress))
            {
                operation.RequestCancel();
            }
        }
    }
}
