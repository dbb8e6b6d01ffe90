using System.Text.Json.Serialization;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Resources.Customers;

// Customer as CustomerFeed selects it (Admin API 2025-10).

internal sealed class CustomerNode
{
    public string Id { get; set; } = null!;

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>String!: Shopify falls back to the email or phone when the customer has no name.</summary>
    public string DisplayName { get; set; } = null!;

    public EmailAddress? DefaultEmailAddress { get; set; }

    public PhoneNumber? DefaultPhoneNumber { get; set; }

    public MailingAddress? DefaultAddress { get; set; }

    public MoneyWithCurrency AmountSpent { get; set; } = null!;

    /// <summary>UnsignedInt64!, sent as a string.</summary>
    public long NumberOfOrders { get; set; }

    public IReadOnlyList<string> Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>CustomerEmailAddress: <c>emailAddress: String!</c> (the address object itself is what may be null).</summary>
internal sealed class EmailAddress
{
    [JsonPropertyName("emailAddress")]
    public string Value { get; set; } = null!;
}

/// <summary>CustomerPhoneNumber: <c>phoneNumber: String!</c>.</summary>
internal sealed class PhoneNumber
{
    [JsonPropertyName("phoneNumber")]
    public string Value { get; set; } = null!;
}

/// <summary>MailingAddress: every field read is nullable.</summary>
internal sealed class MailingAddress
{
    public string? City { get; set; }

    public string? Province { get; set; }

    public string? Country { get; set; }

    public string? CountryCodeV2 { get; set; }
}

internal sealed class CustomersData
{
    /// <summary><c>Shop!</c> in Shopify, but asked for only on a run's first page (<c>@include(if: $withShop)</c>).</summary>
    public ShopDetails? Shop { get; set; }

    public Connection<CustomerNode> Customers { get; set; } = null!;
}
