namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>
/// A Shopify Admin API (2025-10) Customer, its id being the numeric part of its GID. The address fields
/// come from its defaultAddress (country code: countryCodeV2).
/// </summary>
public sealed record CustomerRecord
{
    public required long ShopifyId { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public required string DisplayName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? City { get; init; }

    public string? Province { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    /// <summary>amountSpent.amount: lifetime spend as Shopify reports it.</summary>
    public required decimal AmountSpent { get; init; }

    /// <summary>amountSpent.currencyCode.</summary>
    public string? AmountSpentCurrency { get; init; }

    public required long NumberOfOrders { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
