using ShopIngest.Modules.Sync.Shopify;
namespace ShopIngest.Modules.Sync.Resources.Orders;

// Order and LineItem as OrderFeed selects them (Admin API 2025-10).

internal sealed class OrderNode
{
    public string Id { get; set; } = null!;

    public string Name { get; set; } = null!;

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    public bool Test { get; set; }

    public string? DisplayFinancialStatus { get; set; }

    /// <summary>OrderDisplayFulfillmentStatus! (unlike the financial status, never null).</summary>
    public string DisplayFulfillmentStatus { get; set; } = null!;

    /// <summary>The shop currency: every shopMoney amount is in it.</summary>
    public string CurrencyCode { get; set; } = null!;

    /// <summary>The customer's currency: every presentmentMoney amount is in it.</summary>
    public string PresentmentCurrencyCode { get; set; } = null!;

    /// <summary>Nullable: an order can have no customer (a guest checkout, a deleted customer).</summary>
    public NodeId? Customer { get; set; }

    public ShopMoneyBag TotalPriceSet { get; set; } = null!;

    /// <summary>MoneyBag, nullable: real orders carry null here.</summary>
    public ShopMoneyBag? SubtotalPriceSet { get; set; }

    public ShopAndPresentmentMoneyBag CurrentTotalPriceSet { get; set; } = null!;

    public ShopMoneyBag TotalRefundedSet { get; set; } = null!;

    public Connection<LineItemNode> LineItems { get; set; } = null!;
}

internal sealed class LineItemNode
{
    public string Id { get; set; } = null!;

    public string Title { get; set; } = null!;

    public int Quantity { get; set; }

    public string? Sku { get; set; }

    /// <summary>Nullable: a custom item has none, and a deleted variant leaves none (the line item keeps its title and price).</summary>
    public NodeId? Variant { get; set; }

    /// <summary>Nullable, like <see cref="Variant"/>.</summary>
    public NodeId? Product { get; set; }

    public ShopMoneyBag OriginalUnitPriceSet { get; set; } = null!;
}

internal sealed class OrdersData
{
    /// <summary><c>Shop!</c> in Shopify, but asked for only on a run's first page (<c>@include(if: $withShop)</c>).</summary>
    public ShopDetails? Shop { get; set; }

    public Connection<OrderNode> Orders { get; set; } = null!;
}

internal sealed class OrderLineItemsData
{
    /// <summary><c>order(id:)</c> is null once the order was deleted.</summary>
    public OrderLineItems? Order { get; set; }
}

internal sealed class OrderLineItems
{
    public Connection<LineItemNode> LineItems { get; set; } = null!;
}
