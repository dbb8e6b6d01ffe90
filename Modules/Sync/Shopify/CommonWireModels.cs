namespace ShopIngest.Modules.Sync.Shopify;

// The shapes shared by every resource query. Each property is nullable exactly where Shopify's Admin API 2025-10
// declares the field nullable (docs/shopify-wire-fields.md lists them with their pages). A non-null field that a
// response leaves out (or sends as null) still reads as null for strings and objects, and as the default for numbers and
// timestamps; the feeds check what a record needs before they trust a node.

/// <summary>Shop: <c>currencyCode: CurrencyCode!</c>, <c>ianaTimezone: String!</c>.</summary>
internal sealed class ShopDetails
{
    public string CurrencyCode { get; set; } = null!;

    public string IanaTimezone { get; set; } = null!;
}

/// <summary>PageInfo: <c>hasNextPage: Boolean!</c>; <c>endCursor: String</c> is null on an empty page.</summary>
internal sealed class PageInfo
{
    public bool HasNextPage { get; set; }

    public string? EndCursor { get; set; }
}

/// <summary>A connection: <c>nodes: [T!]!</c>, <c>pageInfo: PageInfo!</c>.</summary>
internal sealed class Connection<TNode>
{
    public IReadOnlyList<TNode> Nodes { get; set; } = [];

    public PageInfo PageInfo { get; set; } = null!;
}

/// <summary>A reference selected as <c>{ id }</c>: <c>id: ID!</c>.</summary>
internal sealed class NodeId
{
    public string Id { get; set; } = null!;
}

/// <summary>MoneyV2 selected as <c>{ amount }</c>: <c>amount: Decimal!</c>, sent as a string.</summary>
internal sealed class Money
{
    public decimal Amount { get; set; }
}

/// <summary>MoneyV2 selected as <c>{ amount currencyCode }</c>: both non-null.</summary>
internal sealed class MoneyWithCurrency
{
    public decimal Amount { get; set; }

    public string CurrencyCode { get; set; } = null!;
}

/// <summary>MoneyBag selected as <c>{ shopMoney { amount } }</c>: <c>shopMoney: MoneyV2!</c>.</summary>
internal sealed class ShopMoneyBag
{
    public Money ShopMoney { get; set; } = null!;
}

/// <summary>
/// MoneyBag selected with both sides: <c>shopMoney: MoneyV2!</c>, <c>presentmentMoney: MoneyV2!</c>. A separate type
/// from <see cref="ShopMoneyBag"/> so that no property stands for a field the query did not ask for.
/// </summary>
internal sealed class ShopAndPresentmentMoneyBag
{
    public Money ShopMoney { get; set; } = null!;

    public Money PresentmentMoney { get; set; } = null!;
}
