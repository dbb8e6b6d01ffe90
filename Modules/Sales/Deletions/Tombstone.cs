using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Deletions;

/// <summary>
/// An order or customer Shopify deleted. The row itself is gone; the tombstone keeps a late or replayed update (a
/// webhook delivered out of order, a page fetched before the delete) from bringing it back.
/// </summary>
internal sealed class Tombstone : ITenantOwned
{
    public const string Order = "order";

    public const string Customer = "customer";

    public Guid TenantId { get; init; }

    /// <summary><see cref="Order"/> or <see cref="Customer"/>.</summary>
    public required string Kind { get; init; }

    public long ShopifyId { get; init; }

    public DateTimeOffset DeletedAt { get; init; }
}

internal sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> builder)
    {
        builder.HasKey(t => new { t.TenantId, t.Kind, t.ShopifyId });
        builder.Property(t => t.ShopifyId).ValueGeneratedNever();
        builder.ToTable(t => t.HasCheckConstraint("ck_tombstones_kind", "kind IN ('order', 'customer')"));
    }
}
