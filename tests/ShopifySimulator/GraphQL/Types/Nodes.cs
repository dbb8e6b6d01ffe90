using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

// The sources of the object types: a shop and an index into one of its arrays. A page of 250
// orders allocates 250 of these, never a copy of the records.

internal sealed class ProductNode(ShopData shop, int index)
{
    public ShopData Shop { get; } = shop;

    public ref ProductRecord Record => ref Shop.Products[index];
}

internal sealed class VariantNode(ShopData shop, int index)
{
    public ShopData Shop { get; } = shop;

    public ref VariantRecord Record => ref Shop.Variant(index);
}

internal sealed class CustomerNode(ShopData shop, int index)
{
    public ShopData Shop { get; } = shop;

    public ref CustomerRecord Record => ref Shop.Customers[index];
}

internal sealed class OrderNode(ShopData shop, int index)
{
    public ShopData Shop { get; } = shop;

    public int Index { get; } = index;

    public ref OrderRecord Record => ref Shop.Orders[Index];

    public MoneyBag Money(long cents) => MoneyBag.For(Shop.Settings, in Record, cents);
}

internal sealed class LineItemNode(OrderNode order, int index)
{
    public ShopData Shop => Order.Shop;

    /// <summary>The order the line item is on, whose currencies its amounts are in.</summary>
    public OrderNode Order { get; } = order;

    public ref LineItemRecord Record => ref Shop.LineItem(index);

    public ref VariantRecord Variant => ref Shop.Variant(Record.VariantIndex);

    public ref ProductRecord Product => ref Shop.Products[Variant.ProductIndex];
}

/// <summary>The source of Shopify's Count type.</summary>
internal sealed record CountResult(int Count, CountPrecision Precision);
