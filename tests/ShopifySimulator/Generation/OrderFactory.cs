using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>
/// Makes orders with 1 to 5 line items of products that existed at the time, a realistic mix of
/// financial and fulfillment statuses, cancellations, refunds, test orders and guest checkouts.
/// Uses a plain seeded <see cref="Random"/>: a million orders must be generated in seconds.
/// </summary>
/// <remarks>
/// After adding or editing orders the caller must call <c>Customers.RecordsChanged()</c>: customer
/// totals and updatedAt are changed in place, and rebuilding indexes per order would be quadratic.
/// </remarks>
internal sealed class OrderFactory(int seed)
{
    /// <summary>Share of orders paid in a currency other than the shop's.</summary>
    private const double ForeignCurrencyShare = 0.12;

    /// <summary>Share of orders without a subtotalPriceSet, which Shopify declares nullable.</summary>
    private const double WithoutSubtotalShare = 0.03;

    private const long Hour = 3_600;

    private static readonly Weighted<int> LineCounts = new((1, 45), (2, 25), (3, 15), (4, 10), (5, 5));

    private static readonly Weighted<int> Quantities = new((1, 70), (2, 20), (3, 10));

    private static readonly Weighted<OrderDisplayFinancialStatus> FinancialStatuses = new(
        (OrderDisplayFinancialStatus.Paid, 78),
        (OrderDisplayFinancialStatus.PartiallyRefunded, 5),
        (OrderDisplayFinancialStatus.Refunded, 3),
        (OrderDisplayFinancialStatus.Pending, 4),
        (OrderDisplayFinancialStatus.Authorized, 5),
        (OrderDisplayFinancialStatus.PartiallyPaid, 2),
        (OrderDisplayFinancialStatus.Expired, 1),
        (OrderDisplayFinancialStatus.Voided, 2));

    private static readonly Weighted<OrderCancelReason> CancelReasons = new(
        (OrderCancelReason.Customer, 40), (OrderCancelReason.Inventory, 15), (OrderCancelReason.Fraud, 10),
        (OrderCancelReason.Declined, 10), (OrderCancelReason.Staff, 10), (OrderCancelReason.Other, 15));

    private static readonly Weighted<OrderDisplayFulfillmentStatus> SettledFulfillment = new(
        (OrderDisplayFulfillmentStatus.Fulfilled, 92), (OrderDisplayFulfillmentStatus.PartiallyFulfilled, 3),
        (OrderDisplayFulfillmentStatus.Unfulfilled, 3), (OrderDisplayFulfillmentStatus.OnHold, 2));

    private static readonly Weighted<OrderDisplayFulfillmentStatus> RecentFulfillment = new(
        (OrderDisplayFulfillmentStatus.Unfulfilled, 50), (OrderDisplayFulfillmentStatus.Fulfilled, 40),
        (OrderDisplayFulfillmentStatus.InProgress, 10));

    private static readonly double[] TaxRates = [0, 0.05, 0.0725, 0.08, 0.1, 0.2];

    private static readonly long[] ShippingCents = [0, 0, 0, 499, 999, 1499];

    private readonly Random _random = new(seed);

    // Presentment currencies and missing subtotals: a source of its own, so the draws above give the orders they always gave.
    private readonly Random _extras = new(Seeds.Derive(seed, Seeds.Extras));

    // Cancellations and refunds asked through /changes: a source of their own, so the draws above stay as they were.
    private readonly Random _adjustments = new(Seeds.Derive(seed, Seeds.OrderAdjustments));

    /// <summary>Adds an order placed at <paramref name="createdAt"/>, with its history up to <paramref name="reference"/>.</summary>
    public int AddOrder(ShopData shop, long createdAt, long reference)
    {
        var zeroDecimal = shop.Settings.IsZeroDecimalCurrency;
        var firstLineItem = shop.LineItemCount;
        var itemsCents = AddLineItems(shop, createdAt);
        var discount = _random.NextDouble() < 0.15 ? Round(itemsCents * (0.05 + (_random.NextDouble() * 0.15)), zeroDecimal) : 0;
        var subtotal = itemsCents - discount;
        var shipping = ShippingCents[_random.Next(ShippingCents.Length)] * (zeroDecimal ? 100 : 1);
        var tax = Round(subtotal * TaxRates[_random.Next(TaxRates.Length)], zeroDecimal);
        var total = subtotal + shipping + tax;

        var order = new OrderRecord
        {
            Id = shop.Ids.Order += _random.Next(1, 40),
            Number = shop.Ids.OrderNumber++,
            CustomerIndex = PickCustomer(shop, createdAt),
            HasGuestEmail = _random.NextDouble() < 0.7,
            CreatedAt = createdAt,
            // A few orders were imported from an older system: processed before they were created here.
            ProcessedAt = _random.NextDouble() < 0.02 ? createdAt - UnixTime.Between(UnixTime.Day, 30 * UnixTime.Day, _random.NextDouble()) : createdAt,
            Test = _random.NextDouble() < 0.015,
            SubtotalCents = subtotal,
            TotalCents = total,
            FirstLineItem = firstLineItem,
            LineItemCount = shop.LineItemCount - firstLineItem,
        };
        DecideHistory(ref order, reference, zeroDecimal);
        DecideExtras(ref order, shop.Settings.Currency);

        var index = shop.Orders.Add(order);
        shop.ApplyToCustomerTotals(index, 1);
        TouchCustomer(shop, index);
        return index;
    }

    /// <summary>
    /// Moves an order one step further in its life (payment captured, fulfilled, refunded), keeping
    /// its customer's totals in step. Returns whether the customer's totals changed.
    /// </summary>
    public bool Advance(ShopData shop, int orderIndex, long now) => shop.EditOrder(orderIndex, now, (ref OrderRecord order) =>
    {
        switch (order.FinancialStatus)
        {
            case OrderDisplayFinancialStatus.Pending or OrderDisplayFinancialStatus.Authorized or OrderDisplayFinancialStatus.PartiallyPaid
                when !order.IsCancelled:
                order.FinancialStatus = OrderDisplayFinancialStatus.Paid;
                break;
            case OrderDisplayFinancialStatus.Paid when order.FulfillmentStatus != OrderDisplayFulfillmentStatus.Fulfilled:
                order.FulfillmentStatus = OrderDisplayFulfillmentStatus.Fulfilled;
                break;
            case OrderDisplayFinancialStatus.Paid:
                order.FinancialStatus = OrderDisplayFinancialStatus.PartiallyRefunded;
                order.RefundedCents = PartialRefund(order.TotalCents, shop.Settings.IsZeroDecimalCurrency);
                break;
            case OrderDisplayFinancialStatus.PartiallyRefunded:
                order.FinancialStatus = OrderDisplayFinancialStatus.Refunded;
                order.RefundedCents = order.TotalCents;
                break;
            default:
                // Nothing left to happen to it; a merchant still edits it (a note, an attribute).
                break;
        }
    });

    /// <summary>
    /// Whether the order can still be cancelled: not cancelled already and nothing fulfilled. The simulator holds to the
    /// merchant's usual path (cancel before fulfilling); Shopify asks for fulfillments to be cancelled first.
    /// </summary>
    public static bool CanCancel(OrderRecord order) =>
        !order.IsCancelled && order.FulfillmentStatus is not (OrderDisplayFulfillmentStatus.Fulfilled or OrderDisplayFulfillmentStatus.PartiallyFulfilled);

    /// <summary>Whether money paid for the order is left to refund.</summary>
    public static bool CanRefund(OrderRecord order) =>
        order.FinancialStatus is OrderDisplayFinancialStatus.Paid or OrderDisplayFinancialStatus.PartiallyRefunded
        && order.RefundedCents < order.TotalCents;

    /// <summary>
    /// Cancels the order as a merchant cancelling with a refund does: what was paid is refunded in full, an unpaid order
    /// is voided. A cancelled order no longer counts for revenue nor for its customer.
    /// </summary>
    public bool Cancel(ShopData shop, int orderIndex, long now)
    {
        var reason = CancelReasons.Pick(_adjustments.NextDouble());
        return shop.EditOrder(orderIndex, now, (ref OrderRecord order) =>
        {
            order.CancelledAt = now;
            order.CancelReason = reason;
            var paid = order.FinancialStatus is OrderDisplayFinancialStatus.Paid or OrderDisplayFinancialStatus.PartiallyRefunded
                or OrderDisplayFinancialStatus.PartiallyPaid or OrderDisplayFinancialStatus.Refunded;
            order.FinancialStatus = paid ? OrderDisplayFinancialStatus.Refunded : OrderDisplayFinancialStatus.Voided;
            order.RefundedCents = paid ? order.TotalCents : order.RefundedCents;
        });
    }

    /// <summary>Refunds all that is left of a paid order (two times in five) or part of it.</summary>
    public bool Refund(ShopData shop, int orderIndex, long now)
    {
        var whole = _adjustments.NextDouble() < 0.4;
        var share = 0.1 + (_adjustments.NextDouble() * 0.8);
        var zeroDecimal = shop.Settings.IsZeroDecimalCurrency;
        return shop.EditOrder(orderIndex, now, (ref OrderRecord order) =>
        {
            var left = order.TotalCents - order.RefundedCents;
            var unit = zeroDecimal ? 100 : 1;
            var amount = whole || left <= unit ? left : Math.Clamp(Round(left * share, zeroDecimal), unit, left - unit);
            order.RefundedCents += amount;
            order.FinancialStatus = order.RefundedCents >= order.TotalCents
                ? OrderDisplayFinancialStatus.Refunded
                : OrderDisplayFinancialStatus.PartiallyRefunded;
        });
    }

    private long AddLineItems(ShopData shop, long createdAt)
    {
        // Only products that existed when the order was placed can be on it.
        var productsByCreation = shop.Products.SortedBy(RecordField.CreatedAt);
        var available = Math.Max(1, shop.Products.CountAtOrBelow(RecordField.CreatedAt, createdAt));
        var lineCount = LineCounts.Pick(_random.NextDouble());
        long itemsCents = 0;
        for (var i = 0; i < lineCount; i++)
        {
            ref var product = ref shop.Products[productsByCreation[_random.Next(Math.Min(available, productsByCreation.Length))]];
            var variantIndex = product.FirstVariant + _random.Next(product.VariantCount);
            var quantity = Quantities.Pick(_random.NextDouble());
            var unitPrice = shop.Variant(variantIndex).PriceCents;
            shop.AddLineItem(new LineItemRecord
            {
                Id = shop.Ids.LineItem += _random.Next(1, 40),
                VariantIndex = variantIndex,
                Quantity = quantity,
                UnitPriceCents = unitPrice,
            });
            itemsCents += quantity * unitPrice;
        }

        return itemsCents;
    }

    /// <summary>
    /// 8% of orders are guest checkouts. Others go to a customer who existed at the time, favouring
    /// the longest-standing customers so that a few customers spend much more than most.
    /// </summary>
    private int PickCustomer(ShopData shop, long createdAt)
    {
        var existing = shop.Customers.CountAtOrBelow(RecordField.CreatedAt, createdAt);
        var draw = _random.NextDouble();
        if (existing == 0 || _random.NextDouble() < 0.08)
        {
            return -1;
        }

        return shop.Customers.SortedBy(RecordField.CreatedAt)[(int)(existing * draw * draw)];
    }

    private void DecideHistory(ref OrderRecord order, long reference, bool zeroDecimal)
    {
        var createdAt = order.CreatedAt;
        if (_random.NextDouble() < 0.04)
        {
            order.CancelledAt = Math.Min(reference, createdAt + UnixTime.Between(Hour, 72 * Hour, _random.NextDouble()));
            order.CancelReason = CancelReasons.Pick(_random.NextDouble());
            var wasPaid = _random.NextDouble() < 0.6;
            order.FinancialStatus = wasPaid ? OrderDisplayFinancialStatus.Refunded : OrderDisplayFinancialStatus.Voided;
            order.RefundedCents = wasPaid ? order.TotalCents : 0;
            order.FulfillmentStatus = OrderDisplayFulfillmentStatus.Unfulfilled;
            order.UpdatedAt = order.CancelledAt;
            return;
        }

        order.FinancialStatus = FinancialStatuses.Pick(_random.NextDouble());
        order.RefundedCents = order.FinancialStatus switch
        {
            OrderDisplayFinancialStatus.Refunded => order.TotalCents,
            OrderDisplayFinancialStatus.PartiallyRefunded => PartialRefund(order.TotalCents, zeroDecimal),
            _ => 0,
        };
        var settled = reference - createdAt > 7 * UnixTime.Day;
        order.FulfillmentStatus = order.FinancialStatus switch
        {
            OrderDisplayFinancialStatus.Paid or OrderDisplayFinancialStatus.PartiallyRefunded =>
                (settled ? SettledFulfillment : RecentFulfillment).Pick(_random.NextDouble()),
            OrderDisplayFinancialStatus.Refunded => _random.NextDouble() < 0.5
                ? OrderDisplayFulfillmentStatus.Restocked
                : OrderDisplayFulfillmentStatus.Fulfilled,
            _ => OrderDisplayFulfillmentStatus.Unfulfilled,
        };

        // Fulfilling and refunding happen after the order was placed and each bumps updatedAt.
        var updatedAt = createdAt;
        if (order.FulfillmentStatus is not OrderDisplayFulfillmentStatus.Unfulfilled)
        {
            updatedAt += UnixTime.Between(Hour, 5 * UnixTime.Day, _random.NextDouble());
        }

        if (order.RefundedCents > 0)
        {
            updatedAt += UnixTime.Between(UnixTime.Day, 60 * UnixTime.Day, _random.NextDouble());
        }

        // History that would reach past the reference date happened "recently" instead: somewhere
        // between placement and the reference, so updates do not pile up on one second.
        order.UpdatedAt = updatedAt <= reference ? updatedAt : UnixTime.Between(createdAt, Math.Max(reference, createdAt), _random.NextDouble());
    }

    /// <summary>
    /// Some customers pay in their own currency: Shopify then reports presentment amounts converted from the shop's
    /// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/MoneyBag). Every draw is made for every order.
    /// </summary>
    private void DecideExtras(ref OrderRecord order, string shopCurrency)
    {
        order.SubtotalUnknown = _extras.NextDouble() < WithoutSubtotalShare;
        var foreign = _extras.NextDouble() < ForeignCurrencyShare;
        var (currency, rate) = PresentmentCurrencies.Pick(shopCurrency, _extras.NextDouble(), _extras.NextDouble());
        if (foreign)
        {
            order.PresentmentCurrency = currency;
            order.PresentmentRate = rate;
        }
    }

    /// <summary>
    /// A customer's updatedAt follows the orders that change their amountSpent, so a sync that reads
    /// customers by updated_at sees every change of amountSpent and numberOfOrders.
    /// </summary>
    private static void TouchCustomer(ShopData shop, int orderIndex)
    {
        ref var order = ref shop.Orders[orderIndex];
        if (order.CustomerIndex >= 0 && order.Counts)
        {
            ref var customer = ref shop.Customers[order.CustomerIndex];
            customer.UpdatedAt = Math.Max(customer.UpdatedAt, order.UpdatedAt);
        }
    }

    private long PartialRefund(long totalCents, bool zeroDecimal)
    {
        var refund = Round(totalCents * (0.1 + (_random.NextDouble() * 0.8)), zeroDecimal);
        return Math.Clamp(refund, zeroDecimal ? 100 : 1, totalCents - (zeroDecimal ? 100 : 1));
    }

    private static long Round(double cents, bool zeroDecimal) =>
        zeroDecimal ? (long)Math.Round(cents / 100, MidpointRounding.AwayFromZero) * 100 : (long)Math.Round(cents, MidpointRounding.AwayFromZero);
}
