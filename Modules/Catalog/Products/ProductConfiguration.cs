using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Catalog.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasKey(p => new { p.TenantId, p.ShopifyId });
        builder.Property(p => p.ShopifyId).ValueGeneratedNever();
        // Keyset pagination: every sort order is (tenant, sort key, shopify_id).
        builder.HasIndex(p => new { p.TenantId, p.Title, p.ShopifyId });
        builder.HasIndex(p => new { p.TenantId, p.UpdatedAt, p.ShopifyId });
        builder.HasIndex(p => new { p.TenantId, p.CreatedAt, p.ShopifyId });
    }
}

internal sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> builder)
    {
        builder.HasKey(v => new { v.TenantId, v.ShopifyId });
        builder.Property(v => v.ShopifyId).ValueGeneratedNever();
        // Unconstrained numeric: exact, and wide enough for currencies with three decimals.
        builder.Property(v => v.Price).HasColumnType("numeric");
        builder.Property(v => v.CompareAtPrice).HasColumnType("numeric");
        // No foreign key to products: a page's variants are replaced together with their product.
        builder.HasIndex(v => new { v.TenantId, v.ProductShopifyId });
    }
}
