using System.Text.Json.Serialization.Metadata;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources;

/// <summary>
/// The rest of a nested connection (a product's variants, an order's line items) whose first page came with its parent:
/// fetched page by page through the parent's own query, so a parent is never written with part of its children.
/// </summary>
internal sealed record ChildQuery<TData, TNode>(
    string Query, int PageSize, int RequestedCost, JsonTypeInfo<GraphQLResponse<TData>> ResponseType, Func<TData, Connection<TNode>?> ConnectionOf)
    where TData : class;

internal static class RemainingChildren
{
    /// <summary>Turns a page of parents into records, fetching first the rest of each parent's children that did not fit.</summary>
    public static async Task<(List<TRecord> Records, ShopifyUsage Usage)> CompleteAsync<TNode, TMore, TChild, TRecord>(
        ShopifyAdminClient client,
        ShopAccess shop,
        IReadOnlyList<TNode> parents,
        Func<TNode, (string Id, Connection<TChild> Children)> childrenOf,
        ChildQuery<TMore, TChild> moreChildren,
        Func<TNode, IReadOnlyList<TChild>, TRecord> toRecord,
        CancellationToken cancellationToken)
        where TMore : class
    {
        var records = new List<TRecord>(parents.Count);
        var usage = new ShopifyUsage();
        foreach (var parent in parents)
        {
            var (id, children) = childrenOf(parent);
            var all = children.Nodes;
            if (children.PageInfo.HasNextPage)
            {
                (all, var spent) = await FetchAsync(client, shop, moreChildren, id, children, cancellationToken);
                usage += spent;
            }

            records.Add(toRecord(parent, all));
        }

        return (records, usage);
    }

    public static async Task<(IReadOnlyList<TNode> Children, ShopifyUsage Usage)> FetchAsync<TData, TNode>(
        ShopifyAdminClient client, ShopAccess shop, ChildQuery<TData, TNode> query, string parentId, Connection<TNode> firstPage, CancellationToken cancellationToken)
        where TData : class
    {
        var children = new List<TNode>(firstPage.Nodes);
        var usage = new ShopifyUsage();
        var after = firstPage.PageInfo.EndCursor;
        bool hasNext;
        do
        {
            var variables = new Dictionary<string, object?> { ["id"] = parentId, ["first"] = query.PageSize, ["after"] = after };
            var result = await client.QueryAsync(shop, new ShopifyRequest(query.Query, variables, query.RequestedCost), query.ResponseType, cancellationToken);
            usage += result.Usage;

            // A parent deleted meanwhile keeps the children seen so far; its deletion is not this walk's to see.
            var page = query.ConnectionOf(result.Data);
            children.AddRange(page?.Nodes ?? []);
            hasNext = page?.PageInfo.HasNextPage ?? false;
            after = page?.PageInfo.EndCursor;
        }
        while (hasNext);

        return (children, usage);
    }
}
