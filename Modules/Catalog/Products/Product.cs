namespace ShopIngest.Modules.Catalog.Products;

internal sealed class Product
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/Product/N).</summary>
    public long ShopifyId { get; init; }

    public required string Title { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
