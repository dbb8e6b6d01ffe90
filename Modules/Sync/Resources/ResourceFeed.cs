using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
/// <remarks>
/// A page read from a bulk export's result rather than fetched from Shopify has an <see cref="ExportPosition"/>: the line
/// of its last record in the result, from which a stopped ingest resumes. It carries no <see cref="MaxUpdatedAt"/>: the
/// export, not its records, says where the paged syncs that follow begin.
/// </remarks>
internal sealed record FetchedPage<TRecord>(
    IReadOnlyList<TRecord> Records, DateTimeOffset? MaxUpdatedAt, bool HasNextPage, string? EndCursor, ShopDetails? Shop, ShopifyUsage Usage,
    int Skipped = 0, long? ExportPosition = null);

/// <summary>A top-level object of a bulk export's result (its JSONL line, as UTF-8), with the lines of its children.</summary>
internal sealed record ExportedObject(long Line, byte[] Json, IReadOnlyList<byte[]> Children);

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

    /// <summary>Records read from a bulk export's result.</summary>
    public static FetchedPage<TRecord> Exported<TRecord>(IReadOnlyList<TRecord> records, PageTally tally) =>
        new(records, MaxUpdatedAt: null, HasNextPage: false, EndCursor: null, Shop: null, Usage: default, tally.Skipped);

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

    /// <summary>
    /// The query of the resource's bulk export: every record, with the fields and children its page query selects
    /// (https://shopify.dev/docs/api/usage/bulk-operations/queries).
    /// </summary>
    string BulkQuery { get; }

    /// <summary>Turns objects of the resource's bulk export into records, checked as a fetched page's are.</summary>
    FetchedPage<TRecord> FromExport(IReadOnlyList<ExportedObject> objects);

    Task<IngestResult> IngestAsync(IngestTransaction transaction, IReadOnlyList<TRecord> records, string shopTimeZone, CancellationToken cancellationToken);

    /// <summary>Deletes records Shopify deleted, through the module's ingest contract.</summary>
    Task<IngestResult> DeleteAsync(IngestTransaction transaction, IReadOnlyList<DeletedRecord> deletes, string shopTimeZone, CancellationToken cancellationToken);

    /// <summary>Deletes the stored records a reconciliation found Shopify no longer lists.</summary>
    Task<IngestResult> DeleteAbsentAsync(IngestTransaction transaction, PresentRecords present, string shopTimeZone, CancellationToken cancellationToken);
}

internal static class ExportedObjects
{
    /// <summary>
    /// The exported objects as nodes of the page query's shape, each with its children put back in its nested
    /// connection. A line that is not the JSON of its type reads as null, which the page's tally counts as skipped.
    /// </summary>
    public static List<TNode?> Nodes<TNode, TChild>(
        IReadOnlyList<ExportedObject> objects, JsonTypeInfo<TNode> nodeType, JsonTypeInfo<TChild> childType, Action<TNode, Connection<TChild>> attach)
        where TNode : class
        where TChild : class
    {
        var nodes = new List<TNode?>(objects.Count);
        foreach (var exported in objects)
        {
            var node = Read(exported.Json, nodeType);
            if (node is not null)
            {
                var children = new List<TChild?>(exported.Children.Count);
                children.AddRange(exported.Children.Select(child => Read(child, childType)));
                attach(node, new Connection<TChild> { Nodes = children!, PageInfo = new PageInfo() });
            }

            nodes.Add(node);
        }

        return nodes;
    }

    public static List<TNode?> Nodes<TNode>(IReadOnlyList<ExportedObject> objects, JsonTypeInfo<TNode> nodeType)
        where TNode : class =>
        [.. objects.Select(exported => Read(exported.Json, nodeType))];

    private static T? Read<T>(byte[] json, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
