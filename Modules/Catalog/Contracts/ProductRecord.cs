namespace ShopIngest.Modules.Catalog.Contracts;

/// <summary>A Shopify Admin API (2025-10) Product, ids being the numeric part of their GIDs.</summary>
public sealed record ProductRecord
{
    public required long ShopifyId { get; init; }

    public required string Title { get; init; }

    public required string Handle { get; init; }

    /// <summary>ProductStatus: ACTIVE, ARCHIVED or DRAFT.</summary>
    public required string Status { get; init; }

    public string? Vendor { get; init; }

    public string? ProductType { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<VariantRecord> Variants { get; init; } = [];
}

/// <summary>A Shopify ProductVariant; prices in the shop currency.</summary>
public sealed record VariantRecord
{
    public required long ShopifyId { get; init; }

    public string? Title { get; init; }

    public string? Sku { get; init; }

    public required decimal Price { get; init; }

    public decimal? CompareAtPrice { get; init; }

    public int? InventoryQuantity { get; init; }
}
