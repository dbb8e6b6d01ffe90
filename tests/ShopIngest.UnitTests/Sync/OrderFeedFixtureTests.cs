using Microsoft.Extensions.Logging;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Sync.Pipeline.Plan;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Resources.Orders;
using static ShopIngest.UnitTests.Sync.ScriptedShopify;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// OrderFeed against pages written by hand as Shopify documents its orders (tests/ShopifyFixtures/orders), not as our
/// simulator sends them: every field Shopify declares nullable can be null, and a node can carry what no record can be
/// made of. Neither may fail a run.
/// </summary>
public sealed class OrderFeedFixtureTests
{
    private static readonly DateTimeOffset Oct2At10 = new(2025, 10, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly RecordingLogger<OrderFeed> _log = new();

    [Fact]
    public async Task An_order_with_every_nullable_field_null_is_stored_with_nulls_and_exact_analytic_amounts()
    {
        var page = await FetchAsync("orders/every-nullable-null.json");

        var order = Assert.Single(page.Records);
        Assert.True(order.SubtotalPrice is null, "subtotalPriceSet was null: the subtotal must be stored as null, not as 0");
        Assert.True(order.CustomerShopifyId is null, "customer was null: the order must be stored without a customer");
        Assert.True(order.Email is null && order.CancelledAt is null && order.CancelReason is null && order.DisplayFinancialStatus is null,
            "email, cancelledAt, cancelReason and displayFinancialStatus were null and must be stored as null");
        // Analytics read these, all non-null MoneyBags in Shopify: they must be exact whatever else is missing.
        Assert.Equal(25.98m, order.TotalPrice);
        Assert.Equal(19.99m, order.CurrentTotalPrice);
        Assert.Equal(5.99m, order.TotalRefunded);
        Assert.Equal("UNFULFILLED", order.DisplayFulfillmentStatus);

        var item = Assert.Single(order.LineItems);
        Assert.True(item.VariantShopifyId is null && item.ProductShopifyId is null && item.Sku is null,
            "the line item's variant, product and sku were null and must be stored as null");
        Assert.Equal(12.99m, item.OriginalUnitPrice);
        Assert.Equal(2, item.Quantity);

        Assert.Equal(0, page.Skipped);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task A_multi_currency_order_keeps_shop_money_as_its_amounts_and_the_presentment_total_apart()
    {
        var page = await FetchAsync("orders/multi-currency.json");

        var order = Assert.Single(page.Records);
        Assert.Equal("EUR", order.CurrencyCode);
        Assert.Equal(92.17m, order.TotalPrice);
        Assert.Equal(83.76m, order.SubtotalPrice);
        Assert.Equal(92.17m, order.CurrentTotalPrice);
        Assert.Equal(0m, order.TotalRefunded);
        Assert.Equal("USD", order.PresentmentCurrencyCode);
        Assert.Equal(100.0m, order.PresentmentCurrentTotalPrice);
        Assert.Equal(207119551L, order.CustomerShopifyId);

        var item = Assert.Single(order.LineItems);
        Assert.Equal(41.88m, item.OriginalUnitPrice);
        Assert.Equal(43729076L, item.VariantShopifyId);
        Assert.Equal(108828309L, item.ProductShopifyId);
    }

    [Theory]
    [InlineData("orders/order-with-garbled-id.json", "'gid://shopify/Order/not-a-number'", "id is not a Shopify GID")]
    [InlineData("orders/order-without-id.json", "(no id)", "id is missing")]
    public async Task An_order_whose_id_is_unusable_is_skipped_counted_and_logged_and_the_others_are_kept(string fixture, string shownId, string reason)
    {
        var page = await FetchAsync(fixture);

        Assert.Equal([1001L, 1003L], page.Records.Select(order => order.ShopifyId));
        Assert.Equal(1, page.Skipped);
        Assert.Equal(Oct2At10.AddHours(2), page.MaxUpdatedAt);
        var logged = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains($"Order {shownId}: {reason}", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_item_whose_id_is_unusable_is_dropped_from_its_order_and_the_order_is_kept()
    {
        var page = await FetchAsync("orders/line-item-with-garbled-id.json");

        var order = Assert.Single(page.Records);
        Assert.Equal([1L, 3L], order.LineItems.Select(item => item.ShopifyId));
        Assert.Equal(1, page.Skipped);
        var logged = Assert.Single(_log.Entries);
        Assert.Contains("LineItem 'gid://shopify/LineItem/' of Order 1001: id is not a Shopify GID", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_only_unusable_orders_still_says_where_the_walk_goes_on_and_moves_the_checkpoint_past_them()
    {
        var page = await FetchAsync("orders/only-unusable-orders.json");

        Assert.Empty(page.Records);
        Assert.Equal(2, page.Skipped);
        Assert.True(page.HasNextPage, "Shopify said more pages follow: skipping every order on this one must not end the walk");
        Assert.Equal("eyJsYXN0X2lkIjoxMDAyfQ==", page.EndCursor);
        // The order with a garbled id still had an updatedAt; the one without an updatedAt adds nothing.
        Assert.Equal(Oct2At10, page.MaxUpdatedAt);
        Assert.Contains(_log.Entries, entry => entry.Message.Contains("Order 'gid://shopify/Order/1002': updatedAt is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shop_that_does_not_count_its_orders_is_taken_as_a_small_history_rather_than_failing_the_probe()
    {
        var probe = new BacklogProbe(ShopifyClients.Create(
            new ScriptedShopify(() => Json(ShopifyFixtures.Read("orders/backlog-without-count.json"))), new SleeplessTime()));

        var backlog = await probe.ProbeAsync(ShopifyClients.Shop, SyncResource.Orders, 100_000, CancellationToken.None);

        Assert.Equal(0, backlog.Records);
        Assert.Equal(new DateTimeOffset(2023, 4, 11, 7, 52, 10, TimeSpan.Zero), backlog.Oldest);
    }

    private async Task<FetchedPage<OrderRecord>> FetchAsync(string fixture)
    {
        var shopify = new ScriptedShopify(() => Json(ShopifyFixtures.Read(fixture)));
        var feed = new OrderFeed(ShopifyClients.Create(shopify, new SleeplessTime()), ingest: null!, _log);
        return await feed.FetchAsync(ShopifyClients.Shop, new PageRequest(26, null, null, WithShop: true), CancellationToken.None);
    }
}
