using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Analytics;

/// <summary>
/// The counted orders (not test, not cancelled) of one day in the shop's timezone, kept up to date by
/// the order ingest in the same statement as the orders themselves, so dashboards never aggregate orders.
/// </summary>
internal sealed class DailySales : ITenantOwned
{
    public Guid TenantId { get; init; }

    public DateOnly Day { get; init; }

    public long Orders { get; set; }

    /// <summary>Sum of current_total_price.</summary>
    public decimal Revenue { get; set; }

    /// <summary>Sum of total_price.</summary>
    public decimal GrossRevenue { get; set; }
}

/// <summary>A tenant's running totals and the timezone its <see cref="DailySales"/> rows are bucketed in.</summary>
internal sealed class TenantTotals : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The IANA timezone of the daily rollup; null until the first orders arrive.</summary>
    public string? TimeZone { get; set; }

    public long Customers { get; set; }
}
