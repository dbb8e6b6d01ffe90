using Microsoft.EntityFrameworkCore;
using ShopIngest.Modules.Sales.Data;
using ShopIngest.Modules.Shared.Listing;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Orders;

internal enum OrderSort
{
    ProcessedAt,
    UpdatedAt,
    CreatedAt,
    TotalPrice,
}

/// <param name="Search">Matches the order name (e.g. #1001) or email, case-insensitively.</param>
/// <param name="FinancialStatus">displayFinancialStatus, e.g. PAID or REFUNDED.</param>
/// <param name="From">First day, in the shop's timezone, of processedAt; inclusive.</param>
/// <param name="To">Last day, in the shop's timezone, of processedAt; inclusive.</param>
/// <param name="Sort">The sort key; shopify_id breaks ties.</param>
internal sealed record OrderQuery(
    string? Search = null, string? FinancialStatus = null, DateOnly? From = null, DateOnly? To = null, OrderSort Sort = OrderSort.ProcessedAt);

/// <summary>The tenant's orders, a page at a time, and the line items of a page of orders in one query.</summary>
internal sealed class OrderListing(SalesDbContext db, ITenantContext tenant)
{
    public async Task<Connection<Order>> ListAsync(OrderQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var orders = db.Orders.AsNoTracking().Where(o => o.TenantId == tenantId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = Keyset.ContainsPattern(query.Search);
            orders = orders.Where(o => EF.Functions.ILike(o.Name, pattern) || (o.Email != null && EF.Functions.ILike(o.Email, pattern)));
        }

        if (query.FinancialStatus is { } status)
        {
            orders = orders.Where(o => o.DisplayFinancialStatus == status);
        }

        if (query.From is not null || query.To is not null)
        {
            var shopZone = await ShopTimeZoneAsync(tenantId, cancellationToken);
            if (query.From is { } from)
            {
                var start = StartOfDay(from, shopZone);
                orders = orders.Where(o => o.ProcessedAt >= start);
            }

            if (query.To is { } to)
            {
                var end = StartOfDay(to.AddDays(1), shopZone);
                orders = orders.Where(o => o.ProcessedAt < end);
            }
        }

        var sort = query.Sort.ToString();
        return await (query.Sort switch
        {
            OrderSort.UpdatedAt => Keyset.PageAsync(orders, sort, o => o.UpdatedAt, o => o.ShopifyId, page, cancellationToken),
            OrderSort.CreatedAt => Keyset.PageAsync(orders, sort, o => o.CreatedAt, o => o.ShopifyId, page, cancellationToken),
            OrderSort.TotalPrice => Keyset.PageAsync(orders, sort, o => o.CurrentTotalPrice, o => o.ShopifyId, page, cancellationToken),
            _ => Keyset.PageAsync(orders, sort, o => o.ProcessedAt, o => o.ShopifyId, page, cancellationToken),
        });
    }

    /// <summary>The line items of these orders, in one query.</summary>
    public async Task<ILookup<long, OrderLineItem>> LineItemsAsync(IReadOnlyCollection<long> orderShopifyIds, CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.RequiredTenantId;
        var ids = orderShopifyIds.Distinct().ToArray();
        var items = await db.OrderLineItems.AsNoTracking()
            .Where(l => l.TenantId == tenantId && ids.Contains(l.OrderShopifyId))
            .OrderBy(l => l.ShopifyId)
            .ToListAsync(cancellationToken);
        return items.ToLookup(l => l.OrderShopifyId);
    }

    /// <summary>The timezone the shop's days are counted in (the rollup's), UTC before any order arrived.</summary>
    private async Task<TimeZoneInfo> ShopTimeZoneAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var name = await db.TenantTotals.AsNoTracking()
            .Where(t => t.TenantId == tenantId)
            .Select(t => t.TimeZone)
            .SingleOrDefaultAsync(cancellationToken);
        return name is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(name);
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change does not exist; the day then starts at the first instant after it.
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
