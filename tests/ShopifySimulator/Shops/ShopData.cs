using System.Runtime.InteropServices;
using ShopIngest.ShopifySimulator.Events;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// Everything a simulated shop holds. Products, customers and orders live in <see cref="RecordTable{T}"/>s;
/// variants and line items are plain arrays addressed by ranges stored on their parent record.
/// Not thread-safe for writes: <see cref="SimulatedShop"/> serialises readers and writers.
/// </summary>
internal sealed class ShopData(ShopSettings settings, int products, int variants, int customers, int orders, int lineItems)
{
    private readonly List<VariantRecord> _variants = new(variants);
    private readonly List<LineItemRecord> _lineItems = new(lineItems);

    /// <summary>The shop's domain, currency and time zone; the time zone (and, before any order, the currency) may change.</summary>
    public ShopSettings Settings { get; set; } = settings;

    /// <summary>What happened to the shop's records, as <c>events</c> and <c>deletionEvents</c> serve it.</summary>
    public EventLog Events { get; } = new();

    public RecordTable<ProductRecord> Products { get; } = new(products);

    public RecordTable<CustomerRecord> Customers { get; } = new(customers);

    public RecordTable<OrderRecord> Orders { get; } = new(orders);

    public IdSequences Ids { get; } = new();

    /// <summary>The latest createdAt/updatedAt any record carries (Unix seconds).</summary>
    public long LatestTimestamp { get; set; }

    public int VariantCount => _variants.Count;

    public int LineItemCount => _lineItems.Count;

    public ref VariantRecord Variant(int index) => ref CollectionsMarshal.AsSpan(_variants)[index];

    public ref LineItemRecord LineItem(int index) => ref CollectionsMarshal.AsSpan(_lineItems)[index];

    public int AddVariant(in VariantRecord variant)
    {
        _variants.Add(variant);
        return _variants.Count - 1;
    }

    public int AddLineItem(in LineItemRecord lineItem)
    {
        _lineItems.Add(lineItem);
        return _lineItems.Count - 1;
    }

    /// <summary>
    /// Changes an order in place through <paramref name="edit"/> at <paramref name="now"/>, keeping its customer's
    /// amountSpent and numberOfOrders equal to the sum over their orders. A customer whose totals moved is touched too, so
    /// a sync that reads customers by updated_at sees the change. Returns whether the customer's totals moved.
    /// </summary>
    public bool EditOrder(int orderIndex, long now, OrderEdit edit)
    {
        ref var order = ref Orders[orderIndex];
        var before = (order.CurrentTotalCents, order.Counts);
        ApplyToCustomerTotals(orderIndex, -1);
        edit(ref order);
        order.UpdatedAt = now;
        ApplyToCustomerTotals(orderIndex, 1);
        var moved = order.CustomerIndex >= 0 && before != (order.CurrentTotalCents, order.Counts);
        if (moved)
        {
            Customers[order.CustomerIndex].UpdatedAt = now;
        }

        return moved;
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> = 1) or removes (-1) what an order contributes to its customer's
    /// amountSpent and numberOfOrders. Call with -1 before changing an order and with 1 after, so the
    /// customer's totals always equal the sum over that customer's orders.
    /// </summary>
    public void ApplyToCustomerTotals(int orderIndex, int sign)
    {
        ref var order = ref Orders[orderIndex];
        if (order.CustomerIndex < 0 || !order.Counts)
        {
            return;
        }

        ref var customer = ref Customers[order.CustomerIndex];
        customer.AmountSpentCents += sign * order.CurrentTotalCents;
        customer.NumberOfOrders += sign;
    }
}

/// <summary>A change made to an order in place.</summary>
internal delegate void OrderEdit(ref OrderRecord order);

/// <summary>The shop-level facts every response needs.</summary>
internal sealed record ShopSettings(string Domain, string Currency, TimeZoneInfo TimeZone, long NumericId)
{
    /// <summary>Currencies without minor units: amounts are generated as whole numbers.</summary>
    public bool IsZeroDecimalCurrency => CurrencyCodes.IsZeroDecimal(Currency);
}

/// <summary>
/// Next ids per resource. Ids grow with creation time, as Shopify's do, so ID order and
/// CREATED_AT order agree; the gaps between them come from the caller.
/// </summary>
internal sealed class IdSequences
{
    public long Product { get; set; } = 7_100_000_000_000;
    public long Variant { get; set; } = 44_100_000_000_000;
    public long Customer { get; set; } = 8_200_000_000_000;
    public long Order { get; set; } = 6_300_000_000_000;
    public long LineItem { get; set; } = 16_400_000_000_000;
    public int OrderNumber { get; set; } = 1001;
}
