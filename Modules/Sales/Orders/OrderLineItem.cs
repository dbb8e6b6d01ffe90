using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Orders;

internal sealed class OrderLineItem : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/LineItem/N).</summary>
    public long ShopifyId { get; init; }

    public long OrderShopifyId { get; set; }

    public required string Title { get; set; }

    public int Quantity { get; set; }

    public string? Sku { get; set; }

    /// <summary>Ids in the Catalog module, kept as plain values: modules never join each other's tables.</summary>
    public long? VariantShopifyId { get; set; }

    public long? ProductShopifyId { get; set; }

    /// <summary>Shop money.</summary>
    public decimal OriginalUnitPrice { get; set; }
}
