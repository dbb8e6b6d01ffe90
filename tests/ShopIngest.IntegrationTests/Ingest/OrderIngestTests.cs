using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Sales.Contracts;
using ShopIngest.Modules.Shared.Ingest;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

[Collection(AppHostTests.Name)]
public sealed class OrderIngestTests(AppHostFixture fixture) : TenantDataTest(fixture)
{

    private Task<IngestResult> UpsertAsync(params OrderRecord[] page) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<IOrderIngest>().UpsertAsync(tx, page, "UTC"));

    private Task<List<object[]>> OrdersAsync() => QueryAsync(
        "SELECT shopify_id, current_total_price, customer_shopify_id, display_financial_status FROM sales.orders ORDER BY 1");

    private Task<List<object[]>> LineItemsAsync() => QueryAsync(
        "SELECT shopify_id, order_shopify_id, quantity FROM sales.order_line_items ORDER BY 1");

    [Fact]
    public async Task A_page_of_new_orders_is_inserted_with_its_line_items()
    {
        var result = await UpsertAsync(
            Order(1, currentTotal: 12.34m, customerId: 7, lineItems: [LineItem(11), LineItem(12, quantity: 3)]),
            Order(2, currentTotal: 0.01m));

        Assert.Equal(new(2, 2), result);
        Assert.Equal([[1L, 12.34m, 7L, "PAID"], [2L, 0.01m, DBNull.Value, "PAID"]], await OrdersAsync());
        Assert.Equal([[11L, 1L, 1], [12L, 1L, 3]], await LineItemsAsync());
    }

    [Fact]
    public async Task Every_column_round_trips_exactly()
    {
        var order = Order(3, processedAt: Epoch.AddHours(-30), updatedAt: Epoch, currentTotal: 80.125m, total: 100.5m, customerId: 9,
            cancelledAt: Epoch.AddHours(-1), lineItems: [LineItem(31, quantity: 2, unitPrice: 40.0625m)]) with
        {
            PresentmentCurrencyCode = "EUR",
            PresentmentCurrentTotalPrice = 74.99m,
            ProcessedAt = new DateTimeOffset(2025, 5, 31, 6, 0, 0, TimeSpan.FromHours(-4)),
        };

        await UpsertAsync(order);

        var row = Assert.Single(await QueryAsync("""
            SELECT name, email, customer_shopify_id, created_at, processed_at, updated_at, cancelled_at, cancel_reason, test,
                   display_financial_status, display_fulfillment_status, currency_code, total_price, subtotal_price,
                   current_total_price, total_refunded, presentment_currency_code, presentment_current_total_price
            FROM sales.orders
            """));
        Assert.Equal(
            [order.Name, order.Email!, 9L, order.CreatedAt.UtcDateTime, order.ProcessedAt.UtcDateTime, order.UpdatedAt.UtcDateTime,
             order.CancelledAt!.Value.UtcDateTime, "CUSTOMER", false, "PAID", "UNFULFILLED", "USD", 100.5m, 100.5m, 80.125m, 20.375m,
             "EUR", 74.99m],
            row);
        var item = Assert.Single(await QueryAsync(
            "SELECT order_shopify_id, title, quantity, sku, variant_shopify_id, product_shopify_id, original_unit_price FROM sales.order_line_items"));
        Assert.Equal([3L, "Item 31", 2, "SKU-31", 310L, 3100L, 40.0625m], item);
    }

    [Fact]
    public async Task A_record_older_than_the_stored_one_changes_nothing()
    {
        await UpsertAsync(Order(1, updatedAt: Epoch.AddMinutes(10), currentTotal: 50m, lineItems: [LineItem(11)]));

        var result = await UpsertAsync(Order(1, updatedAt: Epoch, currentTotal: 99m, financialStatus: "REFUNDED", lineItems: [LineItem(12)]));

        Assert.Equal(new(1, 0), result);
        Assert.Equal([[1L, 50m, DBNull.Value, "PAID"]], await OrdersAsync());
        Assert.Equal([[11L, 1L, 1]], await LineItemsAsync());
    }

    [Fact]
    public async Task A_newer_record_and_one_with_the_same_updatedAt_replace_the_stored_one()
    {
        await UpsertAsync(Order(1, updatedAt: Epoch, currentTotal: 50m));

        Assert.Equal(new(1, 1), await UpsertAsync(Order(1, updatedAt: Epoch.AddSeconds(1), currentTotal: 40m, financialStatus: "PARTIALLY_REFUNDED")));
        Assert.Equal([[1L, 40m, DBNull.Value, "PARTIALLY_REFUNDED"]], await OrdersAsync());

        Assert.Equal(new(1, 1), await UpsertAsync(Order(1, updatedAt: Epoch.AddSeconds(1), currentTotal: 30m, customerId: 5)));
        Assert.Equal([[1L, 30m, 5L, "PAID"]], await OrdersAsync());
    }

    [Fact]
    public async Task An_id_twice_in_one_page_keeps_the_newest_record_whatever_its_position()
    {
        var result = await UpsertAsync(
            Order(1, updatedAt: Epoch.AddMinutes(5), currentTotal: 20m),
            Order(2),
            Order(1, updatedAt: Epoch, currentTotal: 10m));

        Assert.Equal(new(3, 2), result);
        Assert.Equal([[1L, 20m, DBNull.Value, "PAID"], [2L, 100m, DBNull.Value, "PAID"]], await OrdersAsync());
    }

    [Fact]
    public async Task An_applied_order_s_line_items_become_exactly_the_incoming_ones()
    {
        await UpsertAsync(
            Order(1, lineItems: [LineItem(11), LineItem(12), LineItem(13)]),
            Order(2, lineItems: [LineItem(21)]));

        await UpsertAsync(Order(1, updatedAt: Epoch.AddMinutes(1), lineItems: [LineItem(12, quantity: 5), LineItem(14)]));

        Assert.Equal([[12L, 1L, 5], [14L, 1L, 1], [21L, 2L, 1]], await LineItemsAsync());

        await UpsertAsync(Order(1, updatedAt: Epoch.AddMinutes(2)));

        Assert.Equal([[21L, 2L, 1]], await LineItemsAsync());
    }

    [Fact]
    public async Task An_order_can_arrive_before_its_customer()
    {
        var result = await UpsertAsync(Order(1, customerId: 4242));

        Assert.Equal(new(1, 1), result);
        Assert.Equal([[1L, 100m, 4242L, "PAID"]], await OrdersAsync());
    }

    [Fact]
    public async Task An_empty_page_does_nothing()
    {
        Assert.Equal(new(0, 0), await UpsertAsync());
    }
}
