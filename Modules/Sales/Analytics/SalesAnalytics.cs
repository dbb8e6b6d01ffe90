using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Analytics;

/// <summary>The dashboard's figures: stats, sales by date and top customers.</summary>
internal sealed record SalesStats(decimal TotalRevenue, decimal GrossRevenue, long TotalOrders, decimal AverageOrderValue, long TotalCustomers);

internal enum SalesInterval
{
    Day,
    Week,
    Month,
}

/// <summary>One bucket of <see cref="SalesAnalytics.SalesByDateAsync"/>; <see cref="Date"/> is its first day.</summary>
internal sealed record SalesPoint(DateOnly Date, long Orders, decimal Revenue);

internal sealed record TopCustomer(long ShopifyId, string Name, string? Email, decimal AmountSpent, long NumberOfOrders);

/// <summary>
/// The caller's tenant's dashboard, read from the daily rollup and the tenant's totals (never by aggregating
/// orders), and the top customers from the first entries of their index. Days are the shop's (the rollup's
/// timezone); counted orders are those neither test nor cancelled.
/// </summary>
internal sealed class SalesAnalytics(SalesDbContext db, ITenantContext tenant)
{
    public const int MaxTopCustomers = 100;

    /// <summary>Ten years of days: enough for any chart, and a bound on the points one request builds.</summary>
    public const int MaxPoints = 3660;

    /// <summary>Totals over counted orders processed from <paramref name="from"/> to <paramref name="to"/> inclusive (all time when null).</summary>
    public async Task<SalesStats> StatsAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var days = db.DailySales.AsNoTracking().Where(d => d.TenantId == tenantId);
        if (from is { } first)
        {
            days = days.Where(d => d.Day >= first);
        }

        if (to is { } last)
        {
            days = days.Where(d => d.Day <= last);
        }

        // One round trip: the tenant's totals row (it exists as soon as any customer or order has arrived) and
        // the sum of its days in the range.
        var totals = await db.TenantTotals.AsNoTracking()
            .Where(t => t.TenantId == tenantId)
            .Select(t => new
            {
                t.Customers,
                Orders = days.Sum(d => (long?)d.Orders) ?? 0,
                Revenue = days.Sum(d => (decimal?)d.Revenue) ?? 0m,
                GrossRevenue = days.Sum(d => (decimal?)d.GrossRevenue) ?? 0m,
            })
            .SingleOrDefaultAsync(cancellationToken);

        var orders = totals?.Orders ?? 0;
        var revenue = totals?.Revenue ?? 0m;
        return new SalesStats(revenue, totals?.GrossRevenue ?? 0m, orders, orders == 0 ? 0m : revenue / orders, totals?.Customers ?? 0);
    }

    /// <summary>
    /// One point per bucket from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>,
    /// empty ones included, counting only days in the range. Weeks start on Monday (ISO 8601).
    /// </summary>
    public async Task<IReadOnlyList<SalesPoint>> SalesByDateAsync(
        DateOnly from, DateOnly to, SalesInterval interval, CancellationToken cancellationToken = default)
    {
        if (!CalendarDay.IsAnswered(from) || !CalendarDay.IsAnswered(to))
        {
            // Buckets step past the range's last day: near DateOnly's ends that day does not exist.
            throw new ArgumentOutOfRangeException(nameof(to),
                $"A range must lie between {CalendarDay.Format(CalendarDay.First)} and {CalendarDay.Format(CalendarDay.Last)}.");
        }

        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "The range ends before it starts.");
        }

        if (to.DayNumber - from.DayNumber >= MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A range may span at most {MaxPoints} days.");
        }

        var tenantId = tenant.RequiredTenantId;
        var days = await db.DailySales.AsNoTracking()
            .Where(d => d.TenantId == tenantId && d.Day >= from && d.Day <= to)
            .Select(d => new { d.Day, d.Orders, d.Revenue })
            .ToListAsync(cancellationToken);
        var buckets = days
            .GroupBy(d => BucketOf(d.Day, interval))
            .ToDictionary(g => g.Key, g => (Orders: g.Sum(d => d.Orders), Revenue: g.Sum(d => d.Revenue)));

        var points = new List<SalesPoint>();
        for (var bucket = BucketOf(from, interval); bucket <= to; bucket = Next(bucket, interval))
        {
            var (orders, revenue) = buckets.GetValueOrDefault(bucket);
            points.Add(new SalesPoint(bucket, orders, revenue));
        }

        return points;
    }

    /// <summary>By amountSpent (lifetime, as Shopify reports it), then more orders, then the smaller id.</summary>
    public async Task<IReadOnlyList<TopCustomer>> TopCustomersAsync(int first, CancellationToken cancellationToken = default)
    {
        if (first is < 1 or > MaxTopCustomers)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"first must be between 1 and {MaxTopCustomers}.");
        }

        var tenantId = tenant.RequiredTenantId;
        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == tenantId)
            .OrderByDescending(c => c.AmountSpent).ThenByDescending(c => c.NumberOfOrders).ThenBy(c => c.ShopifyId)
            .Take(first)
            .Select(c => new TopCustomer(c.ShopifyId, c.DisplayName, c.Email, c.AmountSpent, c.NumberOfOrders))
            .ToListAsync(cancellationToken);
    }

    internal static DateOnly BucketOf(DateOnly day, SalesInterval interval) => interval switch
    {
        SalesInterval.Day => day,
        SalesInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        SalesInterval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval)),
    };

    private static DateOnly Next(DateOnly bucket, SalesInterval interval) => interval switch
    {
        SalesInterval.Day => bucket.AddDays(1),
        SalesInterval.Week => bucket.AddDays(7),
        _ => bucket.AddMonths(1),
    };
}
