namespace ShopIngest.Modules.Sales.Customers;

internal sealed class Customer
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/Customer/N).</summary>
    public long ShopifyId { get; init; }

    public string? Email { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
