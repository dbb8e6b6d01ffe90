using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sales.Contracts;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

/// <summary>
/// The daily rollup, maintained by deltas inside the order upsert, always equals the counted orders aggregated
/// from scratch: both as PostgreSQL computes it from the orders table and as the test computes it from the
/// records it sent.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class DailySalesRollupTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    private const string NewYork = "America/New_York";
    private readonly Dictionary<long, OrderRecord> _shop = [];

    private async Task UpsertAsync(string timeZone, params OrderRecord[] page)
    {
        await Modules.IngestAsync(Tenant, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, page, timeZone));
        foreach (var order in page.Where(o => !_shop.TryGetValue(o.ShopifyId, out var stored) || stored.UpdatedAt <= o.UpdatedAt))
        {
            _shop[order.ShopifyId] = order;
        }
    }

    private async Task<List<DayTotals>> RollupAsync() => Days(await QueryAsync("""
        SELECT day, orders, revenue, gross_revenue FROM sales.daily_sales
        WHERE orders <> 0 OR revenue <> 0 OR gross_revenue <> 0 ORDER BY day
        """));

    private async Task<List<DayTotals>> AggregatedInPostgresAsync(string timeZone) => Days(await QueryAsync($"""
        SELECT (processed_at AT TIME ZONE '{timeZone}')::date, count(*), sum(current_total_price), sum(total_price)
        FROM sales.orders WHERE NOT test AND cancelled_at IS NULL GROUP BY 1 ORDER BY 1
        """));

    private List<DayTotals> AggregatedFromRecords(string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return [.. _shop.Values
            .Where(o => !o.Test && o.CancelledAt is null)
            .GroupBy(o => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.ProcessedAt, zone).DateTime))
            .OrderBy(g => g.Key)
            .Select(g => new DayTotals(g.Key, g.LongCount(), g.Sum(o => o.CurrentTotalPrice), g.Sum(o => o.TotalPrice)))];
    }

    private async Task AssertRollupIsExactAsync(string timeZone)
    {
        var rollup = await RollupAsync();
        Assert.Equal(AggregatedFromRecords(timeZone), rollup);
        Assert.Equal(await AggregatedInPostgresAsync(timeZone), rollup);
    }

    private static List<DayTotals> Days(List<object[]> rows) =>
        [.. rows.Select(r => new DayTotals((DateOnly)r[0], (long)r[1], (decimal)r[2], (decimal)r[3]))];

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task New_orders_are_counted_on_their_processing_day_except_tests_and_cancelled_ones()
    {
        await UpsertAsync("UTC",
            Order(1, processedAt: Utc(6, 1, 10), currentTotal: 10.10m, total: 12m),
            Order(2, processedAt: Utc(6, 1, 23, 59), currentTotal: 5.05m),
            Order(3, processedAt: Utc(6, 2, 0), currentTotal: 7m),
            Order(4, processedAt: Utc(6, 2, 1), currentTotal: 1000m, test: true),
            Order(5, processedAt: Utc(6, 2, 2), currentTotal: 2000m, cancelledAt: Utc(6, 2, 3)));

        Assert.Equal(
            [new(new(2025, 6, 1), 2, 15.15m, 17.05m), new(new(2025, 6, 2), 1, 7m, 7m)],
            await RollupAsync());
        await AssertRollupIsExactAsync("UTC");
    }

    [Fact]
    public async Task Refunds_cancellations_test_flags_and_moved_processing_days_move_the_rollup_exactly()
    {
        await UpsertAsync("UTC",
            Order(1, processedAt: Utc(6, 1, 10), currentTotal: 100m),
            Order(2, processedAt: Utc(6, 1, 11), currentTotal: 200m),
            Order(3, processedAt: Utc(6, 2, 12), currentTotal: 300m),
            Order(4, processedAt: Utc(6, 3, 13), currentTotal: 400m, cancelledAt: Utc(6, 3, 14)));
        var later = Utc(7, 1, 0);

        await UpsertAsync("UTC",
            Order(1, processedAt: Utc(6, 1, 10), updatedAt: later, currentTotal: 60m, total: 100m),
            Order(2, processedAt: Utc(6, 1, 11), updatedAt: later, currentTotal: 200m, cancelledAt: later),
            Order(3, processedAt: Utc(6, 5, 12), updatedAt: later, currentTotal: 300m),
            Order(4, processedAt: Utc(6, 3, 13), updatedAt: later, currentTotal: 400m));
        await AssertRollupIsExactAsync("UTC");

        await UpsertAsync("UTC",
            Order(3, processedAt: Utc(6, 5, 12), updatedAt: later.AddHours(1), currentTotal: 300m, test: true),
            Order(2, processedAt: Utc(6, 1, 11), updatedAt: later.AddHours(1), currentTotal: 200m));
        await AssertRollupIsExactAsync("UTC");
        Assert.Equal(
            [new(new(2025, 6, 1), 2, 260m, 300m), new(new(2025, 6, 3), 1, 400m, 400m)],
            await RollupAsync());
    }

    [Fact]
    public async Task A_stale_record_and_a_duplicate_within_a_page_leave_the_rollup_exact()
    {
        await UpsertAsync("UTC", Order(1, processedAt: Utc(6, 1, 10), updatedAt: Utc(6, 10, 0), currentTotal: 100m));

        await UpsertAsync("UTC",
            Order(1, processedAt: Utc(6, 4, 10), updatedAt: Utc(6, 9, 0), currentTotal: 1m),
            Order(2, processedAt: Utc(6, 2, 10), updatedAt: Utc(6, 11, 0), currentTotal: 30m),
            Order(2, processedAt: Utc(6, 3, 10), updatedAt: Utc(6, 12, 0), currentTotal: 40m));

        Assert.Equal(
            [new(new(2025, 6, 1), 1, 100m, 100m), new(new(2025, 6, 3), 1, 40m, 40m)],
            await RollupAsync());
        await AssertRollupIsExactAsync("UTC");
    }

    [Fact]
    public async Task Days_follow_the_shop_timezone_through_both_daylight_saving_changes_and_across_midnight()
    {
        await UpsertAsync(NewYork,
            Order(1, processedAt: Utc(3, 9, 4, 30), currentTotal: 1m),   // 23:30 EST on March 8, though March 9 in UTC
            Order(2, processedAt: Utc(3, 9, 6, 59), currentTotal: 2m),   // 01:59 EST, just before clocks spring forward
            Order(3, processedAt: Utc(3, 9, 7, 0), currentTotal: 4m),    // 03:00 EDT
            Order(4, processedAt: Utc(3, 10, 3, 59), currentTotal: 8m),  // 23:59 EDT on March 9
            Order(5, processedAt: Utc(3, 10, 4, 0), currentTotal: 16m),  // 00:00 EDT on March 10
            Order(6, processedAt: Utc(11, 2, 5, 30), currentTotal: 32m), // 01:30 EDT on November 2
            Order(7, processedAt: Utc(11, 2, 6, 30), currentTotal: 64m), // 01:30 EST, the same wall clock an hour later
            Order(8, processedAt: Utc(11, 3, 4, 59), currentTotal: 128m), // 23:59 EST on November 2
            Order(9, processedAt: Utc(11, 3, 5, 0), currentTotal: 256m)); // 00:00 EST on November 3

        Assert.Equal(
            [
                new(new(2025, 3, 8), 1, 1m, 1m), new(new(2025, 3, 9), 3, 14m, 14m), new(new(2025, 3, 10), 1, 16m, 16m),
                new(new(2025, 11, 2), 3, 224m, 224m), new(new(2025, 11, 3), 1, 256m, 256m),
            ],
            await RollupAsync());
        await AssertRollupIsExactAsync(NewYork);

        // Moving an order across midnight in the shop's timezone moves it between days.
        await UpsertAsync(NewYork, Order(4, processedAt: Utc(3, 10, 4, 1), updatedAt: Utc(3, 11, 0), currentTotal: 8m));
        await AssertRollupIsExactAsync(NewYork);
    }

    [Fact]
    public async Task Calling_with_another_timezone_rebuilds_the_rollup_in_that_timezone()
    {
        await UpsertAsync("UTC",
            Order(1, processedAt: Utc(6, 1, 2), currentTotal: 10m),
            Order(2, processedAt: Utc(6, 1, 20), currentTotal: 20m),
            Order(3, processedAt: Utc(6, 2, 3), currentTotal: 30m, test: true));
        await AssertRollupIsExactAsync("UTC");

        await UpsertAsync(NewYork, Order(4, processedAt: Utc(6, 2, 3, 59), currentTotal: 40m));
        await AssertRollupIsExactAsync(NewYork);
        Assert.Equal(
            [new(new(2025, 5, 31), 1, 10m, 10m), new(new(2025, 6, 1), 2, 60m, 60m)],
            await RollupAsync());

        await UpsertAsync("Asia/Tokyo", Order(5, processedAt: Utc(6, 1, 15), currentTotal: 50m));
        await AssertRollupIsExactAsync("Asia/Tokyo");
    }

    [Fact]
    public async Task Many_pages_of_random_changes_keep_the_rollup_exact()
    {
        var random = new Random(20251102);
        var updatedAt = Utc(1, 1, 0);
        for (var page = 0; page < 20; page++)
        {
            var records = Enumerable.Range(0, 50).Select(_ =>
            {
                updatedAt = updatedAt.AddMinutes(random.Next(0, 3) - 1);
                var id = random.Next(1, 120);
                var total = Math.Round((decimal)random.NextDouble() * 500m, 2);
                return Order(id,
                    processedAt: Utc(3, 1, 0).AddHours(random.Next(0, 24 * 300)).AddMinutes(random.Next(0, 60)),
                    updatedAt: updatedAt,
                    currentTotal: total - Math.Round(total * (decimal)random.NextDouble() / 4, 2),
                    total: total,
                    test: random.Next(10) == 0,
                    cancelledAt: random.Next(8) == 0 ? updatedAt : null);
            }).ToArray();

            await UpsertAsync(NewYork, NewestPerId(records));
        }

        await AssertRollupIsExactAsync(NewYork);
    }

    /// <summary>
    /// The test's own model keeps the newest record of a page per id, as the ingest does; it is fed the page
    /// already reduced so that ties on updatedAt resolve the same way on both sides.
    /// </summary>
    private static OrderRecord[] NewestPerId(OrderRecord[] page) =>
        [.. page.Select((o, i) => (o, i)).GroupBy(x => x.o.ShopifyId).Select(g => g.OrderBy(x => x.o.UpdatedAt).ThenBy(x => x.i).Last().o)];

    private sealed record DayTotals(DateOnly Day, long Orders, decimal Revenue, decimal GrossRevenue);
}
