using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Shared.Http;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sales.Dashboard;

/// <summary>The seed's dashboard endpoints, same meaning, for the caller's shop only (bearer token required).</summary>
internal static class DashboardEndpoints
{
    private const int DefaultChartDays = 30;

    public sealed record StatsResponse(decimal TotalRevenue, long TotalOrders, long TotalCustomers, decimal AverageOrderValue, string? Currency);

    public sealed record ChartPoint(string Date, long Orders, decimal Sales);

    public sealed record TopCustomerResponse(string Id, string ShopifyId, string Name, string? Email, decimal AmountSpent, long NumberOfOrders);

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var dashboard = endpoints.MapGroup("/api/dashboard")
            .RequireAuthorization()
            .RequireOwnShopId()
            .WithTags("Dashboard")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        dashboard.MapGet("/stats", StatsAsync)
            .WithSummary("Revenue, orders, customers and average order value of counted orders; all time unless from/to (YYYY-MM-DD, inclusive) are given.")
            .Produces<StatsResponse>();
        dashboard.MapGet("/chart", ChartAsync)
            .WithSummary($"Orders and sales per day from `from` to `to` (YYYY-MM-DD, inclusive, shop time zone); the last {DefaultChartDays} days by default.")
            .Produces<ChartPoint[]>();
        dashboard.MapGet("/top-customers", TopCustomersAsync)
            .WithSummary("The 5 customers with the highest lifetime value.")
            .Produces<TopCustomerResponse[]>();
        return endpoints;
    }

    private static async Task<IResult> StatsAsync(string? from, string? to, SalesAnalytics analytics, ITenantDirectory shops, ITenantContext tenant, CancellationToken cancellationToken)
    {
        if (ReadRange(from, to, out var first, out var last) is { } problem)
        {
            return problem;
        }

        var stats = await analytics.StatsAsync(first, last, cancellationToken);
        var shop = await shops.GetShopAsync(tenant.RequiredTenantId, cancellationToken);
        return Results.Ok(new StatsResponse(stats.TotalRevenue, stats.TotalOrders, stats.TotalCustomers, stats.AverageOrderValue, shop?.Currency));
    }

    private static async Task<IResult> ChartAsync(string? from, string? to, SalesAnalytics analytics, ITenantDirectory shops, ITenantContext tenant, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReadRange(from, to, out var first, out var last) is { } problem)
        {
            return problem;
        }

        if (first is null || last is null)
        {
            var shop = await shops.GetShopAsync(tenant.RequiredTenantId, cancellationToken);
            var today = ShopToday(shop?.TimeZone, clock);
            last ??= today;
            first ??= last.Value.AddDays(1 - DefaultChartDays);
        }

        // Only a lone from can get here after to: to defaults to the shop's today.
        if (first > last)
        {
            return CodedProblem.BadParameter($"from must not be after the shop's today ({CalendarDay.Format(last.Value)}) when to is left out.");
        }

        if (last.Value.DayNumber - first.Value.DayNumber >= SalesAnalytics.MaxPoints)
        {
            return CodedProblem.BadParameter($"The range may span at most {SalesAnalytics.MaxPoints} days.");
        }

        var points = await analytics.SalesByDateAsync(first.Value, last.Value, SalesInterval.Day, cancellationToken);
        return Results.Ok(points.Select(p => new ChartPoint(CalendarDay.Format(p.Date), p.Orders, p.Revenue)));
    }

    private static async Task<IResult> TopCustomersAsync(SalesAnalytics analytics, CancellationToken cancellationToken)
    {
        var customers = await analytics.TopCustomersAsync(5, cancellationToken);
        return Results.Ok(customers.Select(c => new TopCustomerResponse(
            Shared.GraphQL.GlobalIds.NodeId("Customer", c.ShopifyId), Shared.GraphQL.GlobalIds.ShopifyGid("Customer", c.ShopifyId), c.Name, c.Email, c.AmountSpent, c.NumberOfOrders)));
    }

    private static ProblemHttpResult? ReadRange(string? from, string? to, out DateOnly? first, out DateOnly? last)
    {
        last = null;
        if (ReadDay("from", from, out first) is { } badFrom)
        {
            return badFrom;
        }

        if (ReadDay("to", to, out last) is { } badTo)
        {
            return badTo;
        }

        return first > last ? CodedProblem.BadParameter("from must not be after to.") : null;
    }

    private static ProblemHttpResult? ReadDay(string name, string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!CalendarDay.TryParse(text, out var parsed))
        {
            return CodedProblem.BadParameter($"{name} '{text}' is not a date in the form YYYY-MM-DD.");
        }

        if (!CalendarDay.IsAnswered(parsed))
        {
            return CodedProblem.BadParameter(CalendarDay.OutOfRange(name, text));
        }

        day = parsed;
        return null;
    }

    private static DateOnly ShopToday(string? timeZone, TimeProvider clock)
    {
        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
