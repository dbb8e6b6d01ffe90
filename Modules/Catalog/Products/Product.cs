using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Catalog.Products;

internal sealed class Product : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/Product/N).</summary>
    public long ShopifyId { get; init; }

    public required string Title { get; set; }

    public required string Handle { get; set; }

    /// <summary>ACTIVE, ARCHIVED or DRAFT, as Shopify spells it.</summary>
    public required string Status { get; set; }

    public string? Vendor { get; set; }

    public string? ProductType { get; set; }

    public string[] Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When this row was last written by a sync.</summary>
    public DateTimeOffset SyncedAt { get; set; }
}
