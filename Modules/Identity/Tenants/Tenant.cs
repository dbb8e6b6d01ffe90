namespace ShopIngest.Modules.Identity.Tenants;

/// <summary>A tenant is one Shopify shop.</summary>
internal sealed class Tenant
{
    public Guid Id { get; init; }

    public required string ShopDomain { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
