namespace ShopIngest.Modules.Sales.Contracts;

/// <summary>
/// A Shopify Admin API (2025-10) Order, ids being the numeric part of their GIDs. Amounts are the shop-money
/// amounts of the *Set fields (e.g. currentTotalPriceSet.shopMoney.amount), in <see cref="CurrencyCode"/>.
/// </summary>
public sealed record OrderRecord
{
    public required long ShopifyId { get; init; }

    /// <summary>The shop's name for the order, e.g. #1001.</summary>
    public required string Name { get; init; }

    public string? Email { get; init; }

    /// <summary>customer.id; the customer may not have been ingested yet.</summary>
    public long? CustomerShopifyId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public string? CancelReason { get; init; }

    public bool Test { get; init; }

    public string? DisplayFinancialStatus { get; init; }

    public string? DisplayFulfillmentStatus { get; init; }

    public required string CurrencyCode { get; init; }

    public required decimal TotalPrice { get; init; }

    /// <summary>subtotalPriceSet.shopMoney.amount; null when Shopify has none (it declares the field nullable).</summary>
    public decimal? SubtotalPrice { get; init; }

    public required decimal CurrentTotalPrice { get; init; }

    public decimal TotalRefunded { get; init; }

    public string? PresentmentCurrencyCode { get; init; }

    /// <summary>currentTotalPriceSet.presentmentMoney.amount.</summary>
    public decimal? PresentmentCurrentTotalPrice { get; init; }

    public IReadOnlyList<LineItemRecord> LineItems { get; init; } = [];
}

/// <summary>A Shopify LineItem of an order; the unit price is originalUnitPriceSet.shopMoney.amount.</summary>
public sealed record LineItemRecord
{
    public required long ShopifyId { get; init; }

    public required string Title { get; init; }

    public required int Quantity { get; init; }

    public string? Sku { get; init; }

    public long? VariantShopifyId { get; init; }

    public long? ProductShopifyId { get; init; }

    public required decimal OriginalUnitPrice { get; init; }
}
