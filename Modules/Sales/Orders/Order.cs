namespace ShopIngest.Modules.Sales.Orders;

internal sealed class Order
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/Order/N).</summary>
    public long ShopifyId { get; init; }

    public required string Name { get; set; }

    public long? CustomerShopifyId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    public decimal CurrentTotalPrice { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
