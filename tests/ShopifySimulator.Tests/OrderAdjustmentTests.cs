using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

/// <summary>
/// Cancellations and refunds through POST /_sim/shops/{shop}/changes, and changes to the shop itself: what a test needs
/// to make the random creates, updates, refunds and deletes the analytics must follow.
/// </summary>
public sealed class OrderAdjustmentTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string OrderFields =
        "id cancelledAt cancelReason displayFinancialStatus totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } customer { id amountSpent { amount } }";

    [Fact]
    public async Task A_cancelled_order_is_cancelled_refunded_or_voided_and_leaves_the_counted_orders()
    {
        var shop = await simulator.CreateShopAsync();
        var before = await shop.TruthAsync();

        var cancelled = (await shop.ChangeAsync(new { cancel = new { orders = 3 } })).GetProperty("cancelled");
        var after = await shop.TruthAsync();
        var orders = await OrdersAsync(shop, cancelled);

        Assert.Equal(3, cancelled.GetArrayLength());
        Assert.All(orders, order =>
        {
            Assert.NotEqual(JsonValueKind.Null, order.GetProperty("cancelledAt").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, order.GetProperty("cancelReason").ValueKind);
            Assert.Contains(order.GetProperty("displayFinancialStatus").GetString(), FinalStatuses);
        });
        Assert.Equal(before.GetProperty("cancelledOrders").GetInt32() + 3, after.GetProperty("cancelledOrders").GetInt32());
        Assert.True(after.GetProperty("totalOrders").GetInt32() < before.GetProperty("totalOrders").GetInt32());
    }

    [Fact]
    public async Task A_refund_lowers_the_current_total_and_the_customers_amount_spent_by_the_same_amount()
    {
        var shop = await simulator.CreateShopAsync();
        var candidates = await shop.WalkAsync("orders", OrderFields, "query: \"financial_status:paid\"", pageSize: 50);
        var order = candidates.First(o => o.GetProperty("customer").ValueKind == JsonValueKind.Object && o.GetProperty("cancelledAt").ValueKind == JsonValueKind.Null
            && o.GetProperty("displayFinancialStatus").GetString() == "PAID");
        var spentBefore = decimal.Parse(order.GetProperty("customer").GetProperty("amountSpent").GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var change = await shop.ChangeAsync(new { refund = new { ids = new[] { order.Id() } } });
        var refunded = Assert.Single(await OrdersAsync(shop, change.GetProperty("refunded")));

        var lowered = order.GetProperty("currentTotalPriceSet").Amount() - refunded.GetProperty("currentTotalPriceSet").Amount();
        Assert.True(lowered > 0, $"the refund should lower the current total: {refunded}");
        Assert.Contains(refunded.GetProperty("displayFinancialStatus").GetString(), RefundStatuses);
        var spentAfter = decimal.Parse(refunded.GetProperty("customer").GetProperty("amountSpent").GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lowered, spentBefore - spentAfter);
        Assert.Contains(order.GetProperty("customer").Id(), change.GetProperty("updated").GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task An_order_that_cannot_be_cancelled_or_refunded_is_left_with_a_warning_and_customers_cannot_be_refunded()
    {
        var shop = await simulator.CreateShopAsync();
        var cancelled = (await shop.ChangeAsync(new { cancel = new { orders = 1 } })).GetProperty("cancelled")[0].GetString();

        var again = await shop.ChangeAsync(new { cancel = new { ids = new[] { cancelled } } });
        using var customers = await simulator.Http.PostAsJsonAsync($"/_sim/shops/{shop.Domain}/changes", new { refund = new { customers = 1 } });

        Assert.Equal(0, again.GetProperty("cancelled").GetArrayLength());
        Assert.Contains(cancelled!, Assert.Single(again.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, customers.StatusCode);
    }

    [Fact]
    public async Task The_shops_time_zone_changes_and_its_currency_only_while_it_has_no_orders()
    {
        var shop = await simulator.CreateShopAsync();
        var empty = await simulator.CreateShopAsync(new ShopSpec { Orders = 0 });

        await shop.ChangeAsync(new { shop = new { timezone = "Europe/Paris" } });
        using var currency = await simulator.Http.PostAsJsonAsync($"/_sim/shops/{shop.Domain}/changes", new { shop = new { currency = "EUR" } });
        await empty.ChangeAsync(new { shop = new { currency = "EUR" } });

        Assert.Equal("Europe/Paris", (await shop.DataAsync("{ shop { ianaTimezone } }")).GetProperty("shop").GetProperty("ianaTimezone").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, currency.StatusCode);
        Assert.Equal("EUR", (await empty.DataAsync("{ shop { currencyCode } }")).GetProperty("shop").GetProperty("currencyCode").GetString());
    }

    private static readonly string[] FinalStatuses = ["REFUNDED", "VOIDED"];
    private static readonly string[] RefundStatuses = ["PARTIALLY_REFUNDED", "REFUNDED"];

    private static async Task<List<JsonElement>> OrdersAsync(ShopClient shop, JsonElement gids)
    {
        var orders = new List<JsonElement>();
        foreach (var gid in gids.EnumerateArray())
        {
            orders.Add((await shop.DataAsync($"query O($id: ID!) {{ order(id: $id) {{ {OrderFields} }} }}", new { id = gid.GetString() })).GetProperty("order").Clone());
        }

        return orders;
    }
}
