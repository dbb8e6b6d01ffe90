using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Engine;

/// <summary>The page a run asks for next: its size, where the previous one ended, and the updated_at filter.</summary>
internal sealed record PageRequest(int First, string? After, string? SearchQuery, bool WithShop);

/// <summary>One page as fetched, with its children complete, ready to be written in one transaction.</summary>
internal sealed record FetchedPage<TRecord>(
    IReadOnlyList<TRecord> Records, DateTimeOffset? MaxUpdatedAt, bool HasNextPage, string? EndCursor, ShopDetails? Shop, ShopifyUsage Usage);

internal static class FetchedPages
{
    public static FetchedPage<TRecord> Of<TRecord>(
        IReadOnlyList<TRecord> records, Func<TRecord, DateTimeOffset> updatedAt, PageInfo pageInfo, ShopDetails? shop, ShopifyUsage usage) =>
        new(records, records.Count == 0 ? null : records.Max(updatedAt), pageInfo.HasNextPage, pageInfo.EndCursor, shop, usage);
}

/// <summary>How one resource is read from Shopify and written through its module's ingest contract.</summary>
internal interface IResourceFeed<TRecord>
{
    SyncResource Resource { get; }

    /// <summary>The page size to ask for: <paramref name="wanted"/>, or fewer when the query would cost too much.</summary>
    int PageSize(int wanted);

    Task<FetchedPage<TRecord>> FetchAsync(ShopAccess shop, PageRequest request, CancellationToken cancellationToken);

    Task<IngestResult> IngestAsync(IngestTransaction transaction, IReadOnlyList<TRecord> records, string shopTimeZone, CancellationToken cancellationToken);
}
