namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>
/// Shopify's calculated query cost, as documented: an object costs 1, a scalar or enum 0, and a connection 2 plus
/// its page size times the cost of one of its nodes. Each query states its cost per node from these rules, so its
/// page is sized before it is sent to stay under <see cref="ShopifyAdminClient.MaxQueryCost"/>.
/// </summary>
internal static class QueryCosts
{
    public const int Object = 1;
    public const int Connection = 2;

    /// <summary>A MoneyBag with one MoneyV2 selected (e.g. <c>totalPriceSet { shopMoney { amount } }</c>).</summary>
    public const int MoneyBagOneSide = 2 * Object;

    public static int ConnectionCost(int first, int nodeCost) => Connection + (first * nodeCost);

    /// <summary>The largest page (at most <paramref name="wanted"/>) whose query stays within the per-query limit.</summary>
    public static int PageSize(int wanted, int nodeCost, int otherCost) =>
        Math.Clamp((ShopifyAdminClient.MaxQueryCost - otherCost - Connection) / nodeCost, 1, wanted);
}
