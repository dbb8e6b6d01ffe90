using ShopIngest.Modules.Sync.Shopify;
namespace ShopIngest.Modules.Sync.Resources.Products;

// Product and ProductVariant as ProductFeed selects them (Admin API 2025-10). Every Product field read is non-null in
// Shopify; of the variant's, sku and inventoryQuantity are nullable.

internal sealed class ProductNode
{
    public string Id { get; set; } = null!;

    public string Title { get; set; } = null!;

    public string Handle { get; set; } = null!;

    /// <summary>ProductStatus!, e.g. ACTIVE, ARCHIVED or DRAFT.</summary>
    public string Status { get; set; } = null!;

    /// <summary>String!: an empty string when the product has no vendor.</summary>
    public string Vendor { get; set; } = null!;

    /// <summary>String!: an empty string when the product has no type.</summary>
    public string ProductType { get; set; } = null!;

    public IReadOnlyList<string> Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Connection<VariantNode> Variants { get; set; } = null!;
}

internal sealed class VariantNode
{
    public string Id { get; set; } = null!;

    public string Title { get; set; } = null!;

    public string? Sku { get; set; }

    /// <summary>Money!, sent as a string.</summary>
    public decimal Price { get; set; }

    /// <summary>Int, nullable.</summary>
    public int? InventoryQuantity { get; set; }
}

internal sealed class ProductsData
{
    /// <summary><c>Shop!</c> in Shopify, but asked for only on a run's first page (<c>@include(if: $withShop)</c>).</summary>
    public ShopDetails? Shop { get; set; }

    public Connection<ProductNode> Products { get; set; } = null!;
}

internal sealed class ProductVariantsData
{
    /// <summary><c>product(id:)</c> is null once the product was deleted.</summary>
    public ProductVariants? Product { get; set; }
}

internal sealed class ProductVariants
{
    public Connection<VariantNode> Variants { get; set; } = null!;
}
