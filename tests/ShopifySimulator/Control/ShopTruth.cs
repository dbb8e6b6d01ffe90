using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Control;

/// <summary>
/// The ground truth the analytics must reproduce from what they ingested. Counted orders are the
/// live orders that are neither test orders nor cancelled; totalRevenue sums their
/// currentTotalPriceSet (after refunds), grossRevenue their totalPriceSet (before refunds).
/// Amounts are exact decimals in the shop currency.
/// </summary>
internal sealed record ShopTruth(
    string Shop,
    string Currency,
    string Timezone,
    int Products,
    int Customers,
    int Orders,
    int TotalOrders,
    int TestOrders,
    int CancelledOrders,
    decimal TotalRevenue,
    decimal GrossRevenue,
    IReadOnlyList<TopCustomer> TopCustomers)
{
    public const int TopCustomerCount = 5;

    public static ShopTruth Of(ShopData data)
    {
        int counted = 0, test = 0, cancelled = 0;
        long revenue = 0, gross = 0;
        foreach (var index in data.Orders.LiveIndexes())
        {
            ref var order = ref data.Orders[index];
            test += order.Test ? 1 : 0;
            cancelled += order.IsCancelled ? 1 : 0;
            if (order.Counts)
            {
                counted++;
                revenue += order.CurrentTotalCents;
                gross += order.TotalCents;
            }
        }

        // Highest amountSpent first; ties go to more orders, then to the older (smaller) id.
        var top = data.Customers.LiveIndexes()
            .Select(index => data.Customers[index])
            .OrderByDescending(c => c.AmountSpentCents)
            .ThenByDescending(c => c.NumberOfOrders)
            .ThenBy(c => c.Id)
            .Take(TopCustomerCount)
            .Select(c => new TopCustomer(
                Gid.For("Customer", c.Id), $"{c.FirstName} {c.LastName}", Money.ToDecimal(c.AmountSpentCents), c.NumberOfOrders))
            .ToList();

        var settings = data.Settings;
        return new ShopTruth(
            settings.Domain,
            settings.Currency,
            settings.TimeZone.Id,
            data.Products.LiveCount,
            data.Customers.LiveCount,
            data.Orders.LiveCount,
            counted,
            test,
            cancelled,
            Money.ToDecimal(revenue),
            Money.ToDecimal(gross),
            top);
    }
}

internal sealed record TopCustomer(string Id, string DisplayName, decimal AmountSpent, int NumberOfOrders);
