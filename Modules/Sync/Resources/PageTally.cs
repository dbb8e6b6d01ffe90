using Microsoft.Extensions.Logging;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources;

/// <summary>
/// What a feed finds on a page besides its records: the nodes it could not use, each logged once with its reason and
/// counted, and the newest <c>updatedAt</c> among all nodes that carry one. A skipped node still moves the checkpoint:
/// Shopify sends it again once it changes, and a run never stalls on a page it can never store.
/// </summary>
/// <param name="logger">Where each skipped node is told, once.</param>
/// <param name="resource">The Shopify type of the page's nodes, e.g. <c>Order</c>.</param>
internal sealed partial class PageTally(ILogger logger, string resource)
{
    public int Skipped { get; private set; }

    public DateTimeOffset? MaxUpdatedAt { get; private set; }

    /// <summary>
    /// The nodes Shopify sent, without the nulls a non-null list should never hold (each counted as skipped);
    /// <paramref name="type"/> names the nodes when they are children rather than the page's own.
    /// </summary>
    public IEnumerable<TNode> Present<TNode>(IReadOnlyList<TNode?> nodes, string? type = null)
        where TNode : class
    {
        foreach (var node in nodes)
        {
            if (node is null)
            {
                Skipped++;
                LogNullNode(logger, type ?? resource, resource);
                continue;
            }

            yield return node;
        }
    }

    /// <summary>
    /// Whether a node can become a record: its id is a Shopify GID, its <c>updatedAt</c> is there, and no field in
    /// <paramref name="required"/> is missing. When not, the node is logged and counted as skipped.
    /// </summary>
    public bool TryAccept(string? gid, DateTimeOffset updatedAt, out long id, params ReadOnlySpan<(bool Missing, string Field)> required)
    {
        if (updatedAt != default && (MaxUpdatedAt is null || updatedAt > MaxUpdatedAt))
        {
            MaxUpdatedAt = updatedAt;
        }

        var reason = IdProblem(gid, out id) ?? (updatedAt == default ? "updatedAt is missing" : FirstMissing(required));
        if (reason is null)
        {
            return true;
        }

        Skipped++;
        LogRecordSkipped(logger, resource, Shown(gid), reason);
        return false;
    }

    /// <summary>
    /// Whether a child node (a line item, a variant) of the record <paramref name="parentId"/> can be stored with it;
    /// when not, only the child is dropped, logged and counted.
    /// </summary>
    public bool TryAcceptChild(string type, long parentId, string? gid, out long id, params ReadOnlySpan<(bool Missing, string Field)> required)
    {
        var reason = IdProblem(gid, out id) ?? FirstMissing(required);
        if (reason is null)
        {
            return true;
        }

        Skipped++;
        LogChildSkipped(logger, type, Shown(gid), resource, parentId, reason);
        return false;
    }

    /// <summary>
    /// The id of a nullable reference (an order's customer, a line item's variant): null when Shopify sent none, and
    /// null, logged, when what it sent is not a GID. The record is kept either way.
    /// </summary>
    public long? Reference(NodeId? node, long ownerId, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (ShopifyGid.TryNumeric(node.Id, out var id))
        {
            return id;
        }

        LogReferenceDropped(logger, resource, ownerId, field, Shown(node.Id));
        return null;
    }

    private static string? IdProblem(string? gid, out long id) =>
        ShopifyGid.TryNumeric(gid, out id) ? null
        : string.IsNullOrEmpty(gid) ? "id is missing"
        : "id is not a Shopify GID ending in a number";

    private static string? FirstMissing(ReadOnlySpan<(bool Missing, string Field)> required)
    {
        foreach (var (missing, field) in required)
        {
            if (missing)
            {
                return $"{field} is missing, though Shopify declares it non-null";
            }
        }

        return null;
    }

    private static string Shown(string? gid) => string.IsNullOrEmpty(gid) ? "(no id)" : $"'{gid}'";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Shopify {Resource} {Id}: {Reason}. The sync goes on without it")]
    private static partial void LogRecordSkipped(ILogger logger, string resource, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a Shopify {Child} {Id} of {Resource} {ParentId}: {Reason}. The parent is stored without it")]
    private static partial void LogChildSkipped(ILogger logger, string child, string id, string resource, long parentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a null {Type} node in a page of Shopify {Resource} records, where Shopify declares nodes non-null")]
    private static partial void LogNullNode(ILogger logger, string type, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored Shopify {Resource} {Id} without its {Field}: {Gid} is not a Shopify GID ending in a number")]
    private static partial void LogReferenceDropped(ILogger logger, string resource, long id, string field, string gid);
}
