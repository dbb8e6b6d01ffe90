using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShopIngest.Modules.Identity.Tenants;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ShopDomain).HasMaxLength(255);
        builder.HasIndex(t => t.ShopDomain).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(255);
    }
}
