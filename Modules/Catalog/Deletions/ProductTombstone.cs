using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Catalog.Deletions;

/// <summary>
/// A product Shopify deleted. The product and its variants are gone; the tombstone keeps a late or replayed update
/// from bringing them back.
/// </summary>
internal sealed class ProductTombstone : ITenantOwned
{
    public Guid TenantId { get; init; }

    public long ShopifyId { get; init; }

    public DateTimeOffset DeletedAt { get; init; }
}

internal sealed class ProductTombstoneConfiguration : IEntityTypeConfiguration<ProductTombstone>
{
    public void Configure(EntityTypeBuilder<ProductTombstone> builder)
    {
        builder.ToTable("tombstones");
        builder.HasKey(t => new { t.TenantId, t.ShopifyId });
        builder.Property(t => t.ShopifyId).ValueGeneratedNever();
    }
}
