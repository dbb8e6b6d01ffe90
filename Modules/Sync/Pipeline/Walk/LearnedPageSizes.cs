using System.Collections.Concurrent;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Walk;

/// <summary>
/// Page sizes Shopify taught us: when it refuses a page as too costly, its <c>requestedQueryCost</c> tells what a record
/// really costs, and every later page of that resource stays under the limit. Shopify reports the refused query's cost
/// in the MAX_COST_EXCEEDED error (https://shopify.dev/docs/api/usage/limits#rate-limits).
/// </summary>
internal sealed class LearnedPageSizes
{
    private readonly ConcurrentDictionary<SyncResource, int> _caps = new();

    /// <summary><paramref name="wanted"/>, or less when Shopify has refused a page that large.</summary>
    public int Cap(SyncResource resource, int wanted) => _caps.TryGetValue(resource, out var cap) ? Math.Min(wanted, cap) : wanted;

    /// <summary>The size to ask again with after a page of <paramref name="refused"/> records cost <paramref name="requestedCost"/>.</summary>
    public int Learn(SyncResource resource, int refused, int requestedCost)
    {
        var perRecord = Math.Max(1.0, requestedCost / (double)refused);
        var fitting = (int)Math.Floor((ShopifyAdminClient.MaxQueryCost - 1) / perRecord);
        var next = Math.Max(1, Math.Min(refused / 2, fitting));
        _caps.AddOrUpdate(resource, next, (_, known) => Math.Min(known, next));
        return next;
    }
}
