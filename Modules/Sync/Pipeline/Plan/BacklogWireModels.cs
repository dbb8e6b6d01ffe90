namespace ShopIngest.Modules.Sync.Pipeline.Plan;

// What BacklogProbe selects (Admin API 2025-10): the oldest node of a resource and its count.

internal sealed class UpdatedAtNode
{
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UpdatedAtNodes
{
    public IReadOnlyList<UpdatedAtNode> Nodes { get; set; } = [];
}

/// <summary>Count: <c>count: Int!</c>.</summary>
internal sealed class CountNode
{
    public long Count { get; set; }
}

internal sealed class BacklogData
{
    public UpdatedAtNodes Oldest { get; set; } = null!;

    /// <summary><c>productsCount</c>, <c>customersCount</c> and <c>ordersCount</c> are nullable <c>Count</c> in Shopify.</summary>
    public CountNode? Total { get; set; }
}
