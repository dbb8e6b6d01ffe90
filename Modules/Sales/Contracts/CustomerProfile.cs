namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>
/// What a customer webhook (customers/create, customers/update) tells of a customer since API version 2025-01: who they
/// are and where, but neither their lifetime totals nor their tags, which Shopify moved to other topics
/// (https://shopify.dev/changelog/new-customer-s-webhook-and-changes-to-existing-customer-s-webhooks-payload). A
/// <see cref="CustomerRecord"/> is a profile with those.
/// </summary>
public record CustomerProfile
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

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
