using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Catalog.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasKey(p => new { p.TenantId, p.ShopifyId });
        builder.Property(p => p.ShopifyId).ValueGeneratedNever();
    }
}
