using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Privacy;

/// <summary>
/// A customer's request, relayed by Shopify, to see the data the shop holds about them. The merchant answers it with
/// the export built from what is stored when they ask for it; the request itself keeps ids only.
/// </summary>
internal sealed class DataRequest : ITenantOwned
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public long CustomerShopifyId { get; init; }

    /// <summary>The orders Shopify listed with the request (orders_requested).</summary>
    public long[] OrderShopifyIds { get; init; } = [];

    /// <summary>Shopify's id of the request (data_request.id), when it sent one.</summary>
    public long? ShopifyRequestId { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.TenantId, r.RequestedAt });
        // A redelivered request is the same request.
        builder.HasIndex(r => new { r.TenantId, r.CustomerShopifyId, r.RequestedAt }).IsUnique();
    }
}
