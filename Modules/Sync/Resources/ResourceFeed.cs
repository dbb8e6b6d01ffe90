using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources;

/// <summary>The page a run asks for next: its size, where the previous one ended, and the updated_at filter.</summary>
internal sealed record PageRequest(int First, string? After, string? SearchQuery, bool WithShop);

/// <summary>
/// One page as fetched, with its children complete, ready to be written in one transaction; <see cref="Skipped"/> counts
/// the records (or children) Shopify sent that could not be used, each logged with its reason. <see cref="MaxUpdatedAt"/>
/// covers every node that had an <c>updatedAt</c>, skipped or not, and a page of only skipped nodes still says where the
/// walk goes on.
/// </summary>
internal sealed record FetchedPage<TRecord>(
    IReadOnlyList<TRecord> Records, DateTimeOffset? MaxUpdatedAt, bool HasNextPage, string? EndCursor, ShopDetails? Shop, ShopifyUsage Usage,
    int Skipped = 0);

internal static class FetchedPages
{
    public static FetchedPage<TRecord> Of<TRecord>(
        IReadOnlyList<TRecord> records, PageTally tally, PageInfo pageInfo, ShopDetails? shop, ShopifyUsage usage) =>
        new(records, tally.MaxUpdatedAt, pageInfo.HasNextPage, pageInfo.EndCursor, Usable(shop), usage, tally.Skipped);

    /// <summary>
    /// A page's connection, which Shopify declares non-null with a non-null pageInfo. Without them the walk cannot go on,
    /// so the answer is refused as a whole rather than read as an empty last page.
    /// </summary>
    public static Connection<TNode> Required<TNode>(Connection<TNode>? connection, string field, ShopifyUsage usage) =>
        connection?.PageInfo is null
            ? throw new ShopifyQueryException($"Shopify's answer has no {field} connection with its pageInfo, which its schema declares non-null.", usage)
            : connection;

    /// <summary>Shop details are taken only whole: without a timezone the shop's days could not be counted, so the known one stays.</summary>
    private static ShopDetails? Usable(ShopDetails? shop) =>
        shop is { CurrencyCode.Length: > 0, IanaTimezone.Length: > 0 } ? shop : null;
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
