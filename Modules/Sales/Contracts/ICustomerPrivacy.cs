using ShopIngest.Modules.Shared.Ingest;

namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>
/// The shop's duties to its customers' privacy, as Shopify's mandatory compliance webhooks relay them
/// (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance).
/// </summary>
public interface ICustomerPrivacy
{
    /// <summary>Records a customer's request to see their data (customers/data_request); a redelivery changes nothing.</summary>
    Task RecordDataRequestAsync(IngestTransaction transaction, CustomerDataRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a customer's personal data (customers/redact): names, email, phone, address and tags of the customer, and
    /// the email of the listed orders, of the customer's orders and of orders placed with that email. Amounts stay, so
    /// analytics stay true. Data arriving later for the same customer or orders is stored erased.
    /// </summary>
    Task RedactAsync(IngestTransaction transaction, CustomerRedaction redaction, CancellationToken cancellationToken = default);
}

/// <summary>
/// customers/data_request: the customer, the orders Shopify listed, and Shopify's id of the request when given.
/// Email and phone are accepted to match the payload but never stored.
/// </summary>
public sealed record CustomerDataRequest(
    long CustomerShopifyId, IReadOnlyList<long> OrderShopifyIds, DateTimeOffset RequestedAt, long? ShopifyRequestId = null,
    string? Email = null, string? Phone = null);

/// <summary>customers/redact: the customer, their email and phone as Shopify sent them, and the orders to redact.</summary>
public sealed record CustomerRedaction(
    long CustomerShopifyId, IReadOnlyList<long> OrderShopifyIds, DateTimeOffset RequestedAt, string? Email = null, string? Phone = null);
