using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Privacy;

/// <summary>
/// A customer, or an order, whose personal data was erased at the shop's request. Kept so that a sync or webhook
/// carrying the data again (Shopify may still hold it) stores it erased too. Holds ids only.
/// </summary>
internal sealed class Redaction : ITenantOwned
{
    public const string Customer = "customer";

    public const string Order = "order";

    public Guid TenantId { get; init; }

    /// <summary><see cref="Customer"/> or <see cref="Order"/>.</summary>
    public required string Kind { get; init; }

    public long ShopifyId { get; init; }

    public DateTimeOffset RedactedAt { get; init; }
}

internal sealed class RedactionConfiguration : IEntityTypeConfiguration<Redaction>
{
    public void Configure(EntityTypeBuilder<Redaction> builder)
    {
        builder.HasKey(r => new { r.TenantId, r.Kind, r.ShopifyId });
        builder.Property(r => r.ShopifyId).ValueGeneratedNever();
        builder.ToTable(t => t.HasCheckConstraint("ck_redactions_kind", "kind IN ('customer', 'order')"));
    }
}
