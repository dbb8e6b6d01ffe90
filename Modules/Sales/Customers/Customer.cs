using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Customers;

internal sealed class Customer : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/Customer/N).</summary>
    public long ShopifyId { get; init; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? City { get; set; }

    public string? Province { get; set; }

    public string? Country { get; set; }

    public string? CountryCode { get; set; }

    /// <summary>Lifetime spend as Shopify reports it (amountSpent), in <see cref="AmountSpentCurrency"/>.</summary>
    public decimal AmountSpent { get; set; }

    public string? AmountSpentCurrency { get; set; }

    public long NumberOfOrders { get; set; }

    public string[] Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset SyncedAt { get; set; }
}
