namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>
/// A Shopify Admin API (2025-10) Customer, its id being the numeric part of its GID. The address fields
/// come from its defaultAddress (country code: countryCodeV2).
/// </summary>
public sealed record CustomerRecord : CustomerProfile
{
    /// <summary>amountSpent.amount: lifetime spend as Shopify reports it.</summary>
    public required decimal AmountSpent { get; init; }

    /// <summary>amountSpent.currencyCode.</summary>
    public string? AmountSpentCurrency { get; init; }

    public required long NumberOfOrders { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
}
