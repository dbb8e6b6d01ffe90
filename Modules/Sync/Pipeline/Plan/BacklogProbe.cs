using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Plan;

/// <summary>How much history a resource has before its first sync: the oldest <c>updatedAt</c>, and about how many records.</summary>
internal sealed record Backlog(DateTimeOffset? Oldest, long Records, ShopifyUsage Usage);

/// <summary>One small query (a page of one record and a count) that tells whether a first sync is worth cutting into slices.</summary>
internal sealed class BacklogProbe(ShopifyAdminClient client)
{
    /// <summary>A page of one node costs 3 points, a count 1.</summary>
    private const int Cost = QueryCosts.Connection + QueryCosts.Object + QueryCosts.Object;

    public async Task<Backlog> ProbeAsync(ShopAccess shop, SyncResource resource, int? countUpTo, CancellationToken cancellationToken)
    {
        var plural = resource.Name;
        var query = $$"""
            query Backlog($limit: Int) {
              oldest: {{plural}}(first: 1, sortKey: UPDATED_AT) { nodes { updatedAt } }
              total: {{plural}}Count(limit: $limit) { count }
            }
            """;
        var result = await client.QueryAsync(shop, new ShopifyRequest(query, new Dictionary<string, object?> { ["limit"] = countUpTo }, Cost),
            ShopifyJsonContext.Default.GraphQLResponseBacklogData, cancellationToken);
        // The count is a nullable Count in Shopify: without one, the history is taken as small and walked unsliced.
        var oldest = result.Data.Oldest?.Nodes is [{ UpdatedAt: var updatedAt }, ..] && updatedAt != default ? updatedAt : (DateTimeOffset?)null;
        return new Backlog(oldest, result.Data.Total?.Count ?? 0, result.Usage);
    }
}
