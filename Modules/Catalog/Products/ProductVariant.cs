using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Catalog.Products;

internal sealed class ProductVariant : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/ProductVariant/N).</summary>
    public long ShopifyId { get; init; }

    public long ProductShopifyId { get; set; }

    public string? Title { get; set; }

    public string? Sku { get; set; }

    public decimal Price { get; set; }

    public decimal? CompareAtPrice { get; set; }

    public int? InventoryQuantity { get; set; }
}
