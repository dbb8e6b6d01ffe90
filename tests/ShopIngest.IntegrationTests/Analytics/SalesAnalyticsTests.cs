using Microsoft.Extensions.DependencyInjection;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sales.Analytics;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Tenancy;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Analytics;

[Collection(AppHostTests.Name)]
public sealed class SalesAnalyticsTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private const string NewYork = "America/New_York";
    private readonly Guid _otherTenant = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await IngestOrdersAsync(Tenant,
            Order(1, processedAt: NewYorkTime(2025, 3, 3, 9), currentTotal: 10.01m, total: 12m),  // Monday
            Order(2, processedAt: NewYorkTime(2025, 3, 9, 23), currentTotal: 20.02m),             // Sunday, March 10 in UTC
            Order(3, processedAt: NewYorkTime(2025, 3, 10, 0), currentTotal: 30.03m),             // Monday
            Order(4, processedAt: NewYorkTime(2025, 3, 31, 12), currentTotal: 40.04m, total: 50m),
            Order(5, processedAt: NewYorkTime(2025, 4, 2, 12), currentTotal: 1000m, test: true),
            Order(6, processedAt: NewYorkTime(2025, 4, 3, 12), currentTotal: 2000m, cancelledAt: NewYorkTime(2025, 4, 4, 0)),
            Order(7, processedAt: NewYorkTime(2025, 4, 15, 12), currentTotal: 0.01m));
        await Modules.IngestAsync(Tenant, tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx,
        [
            Customer(1, amountSpent: 500m, numberOfOrders: 2),
            Customer(2, amountSpent: 500m, numberOfOrders: 5),
            Customer(3, amountSpent: 999.99m, numberOfOrders: 1),
            Customer(4, amountSpent: 500m, numberOfOrders: 5),
            Customer(5, amountSpent: 0m, numberOfOrders: 0),
        ]));

        await IngestOrdersAsync(_otherTenant, Order(1, processedAt: NewYorkTime(2025, 3, 3, 9), currentTotal: 77777m));
        await Modules.IngestAsync(_otherTenant, tx => Modules.Get<ICustomerIngest>().UpsertAsync(tx, [Customer(9, amountSpent: 99999m)]));
    }

    private async Task IngestOrdersAsync(Guid tenant, params OrderRecord[] orders) =>
        await Modules.IngestAsync(tenant, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, orders, NewYork));

    private static DateTimeOffset NewYorkTime(int year, int month, int day, int hour)
    {
        var local = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById(NewYork).GetUtcOffset(local));
    }

    private Task<T> AsTenantAsync<T>(Func<SalesAnalytics, Task<T>> query) => AsTenantAsync<SalesAnalytics, T>(query);

    [Fact]
    public async Task Stats_of_all_time_sum_the_counted_orders_exactly()
    {
        var stats = await AsTenantAsync(a => a.StatsAsync(null, null));

        Assert.Equal(new SalesStats(100.11m, 112.06m, 5, 20.022m, 5), stats);
    }

    [Fact]
    public async Task Stats_of_a_range_count_the_days_from_and_to_inclusive_in_the_shop_timezone()
    {
        var stats = await AsTenantAsync(a => a.StatsAsync(new DateOnly(2025, 3, 9), new DateOnly(2025, 3, 31)));

        Assert.Equal(new SalesStats(90.09m, 100.05m, 3, 30.03m, 5), stats);
    }

    [Fact]
    public async Task Stats_of_a_range_without_orders_are_zero()
    {
        var stats = await AsTenantAsync(a => a.StatsAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

        Assert.Equal(new SalesStats(0m, 0m, 0, 0m, 5), stats);
    }

    [Fact]
    public async Task Sales_by_day_has_one_point_per_day_including_empty_ones()
    {
        var points = await AsTenantAsync(a => a.SalesByDateAsync(new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 11), SalesInterval.Day));

        Assert.Equal(
            [
                new SalesPoint(new(2025, 3, 8), 0, 0m), new SalesPoint(new(2025, 3, 9), 1, 20.02m),
                new SalesPoint(new(2025, 3, 10), 1, 30.03m), new SalesPoint(new(2025, 3, 11), 0, 0m),
            ],
            points);
    }

    [Fact]
    public async Task Sales_by_week_buckets_from_Monday_dated_by_the_bucket_s_first_day()
    {
        var points = await AsTenantAsync(a => a.SalesByDateAsync(new DateOnly(2025, 3, 4), new DateOnly(2025, 3, 17), SalesInterval.Week));

        // March 3 (Monday) is outside the range: its order is not counted, though its week is the first bucket.
        Assert.Equal(
            [
                new SalesPoint(new(2025, 3, 3), 1, 20.02m), new SalesPoint(new(2025, 3, 10), 1, 30.03m),
                new SalesPoint(new(2025, 3, 17), 0, 0m),
            ],
            points);
    }

    [Fact]
    public async Task Sales_by_month_buckets_by_calendar_month()
    {
        var points = await AsTenantAsync(a => a.SalesByDateAsync(new DateOnly(2025, 2, 1), new DateOnly(2025, 5, 31), SalesInterval.Month));

        Assert.Equal(
            [
                new SalesPoint(new(2025, 2, 1), 0, 0m), new SalesPoint(new(2025, 3, 1), 4, 100.10m),
                new SalesPoint(new(2025, 4, 1), 1, 0.01m), new SalesPoint(new(2025, 5, 1), 0, 0m),
            ],
            points);
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            AsTenantAsync(a => a.SalesByDateAsync(new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 1), SalesInterval.Day)));
    }

    [Fact]
    public async Task Top_customers_rank_by_amount_spent_then_orders_then_id()
    {
        var top = await AsTenantAsync(a => a.TopCustomersAsync(4));

        Assert.Equal([3L, 2L, 4L, 1L], top.Select(c => c.ShopifyId));
        Assert.Equal(new TopCustomer(3, "Ada Customer 3", "customer3@example.com", 999.99m, 1), top[0]);
    }

    [Fact]
    public async Task Top_customers_accept_between_1_and_100()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AsTenantAsync(a => a.TopCustomersAsync(0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AsTenantAsync(a => a.TopCustomersAsync(101)));
        Assert.Equal(5, (await AsTenantAsync(a => a.TopCustomersAsync(100))).Count);
    }

    [Fact]
    public async Task A_scope_without_a_tenant_gets_no_figures()
    {
        await using var scope = Modules.AnonymousScope();

        await Assert.ThrowsAsync<TenantRequiredException>(() => scope.ServiceProvider.GetRequiredService<SalesAnalytics>().StatsAsync(null, null));
    }
}
