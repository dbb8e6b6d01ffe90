using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Orders;

internal sealed class Order : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The numeric part of the Shopify GID (gid://shopify/Order/N).</summary>
    public long ShopifyId { get; init; }

    /// <summary>The shop's order name, e.g. #1001.</summary>
    public required string Name { get; set; }

    public string? Email { get; set; }

    /// <summary>
    /// No foreign key: an order may arrive before its customer; the link resolves when both are there.
    /// </summary>
    public long? CustomerShopifyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    public bool Test { get; set; }

    public string? DisplayFinancialStatus { get; set; }

    public string? DisplayFulfillmentStatus { get; set; }

    /// <summary>The shop currency, which every amount below is in (shop money).</summary>
    public required string CurrencyCode { get; set; }

    public decimal TotalPrice { get; set; }

    /// <summary>Null when Shopify has no subtotal for the order; analytics never read it.</summary>
    public decimal? SubtotalPrice { get; set; }

    public decimal CurrentTotalPrice { get; set; }

    public decimal TotalRefunded { get; set; }

    public string? PresentmentCurrencyCode { get; set; }

    public decimal? PresentmentCurrentTotalPrice { get; set; }

    public DateTimeOffset SyncedAt { get; set; }
}
