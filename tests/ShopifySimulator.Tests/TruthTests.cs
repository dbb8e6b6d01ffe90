using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class TruthTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string OrderFields = "id test cancelledAt totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } customer { id }";
    private const string CustomerFields = "id displayName amountSpent { amount } numberOfOrders";

    [Fact]
    public async Task The_truth_agrees_with_the_data_served_through_GraphQL()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Orders = 300, Customers = 60 });

        await AssertTruthMatchesGraphQLAsync(shop);
    }

    [Fact]
    public async Task The_truth_still_agrees_after_records_are_created_updated_and_deleted()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Orders = 200, Customers = 50 });

        var changes = await shop.ChangeAsync(new
        {
            create = new { products = 1, customers = 2, orders = 15 },
            update = new { products = 2, customers = 2, orders = 40 },
            delete = new { orders = 5 },
        });

        Assert.Equal(15, changes.GetProperty("created").GetProperty("orders").GetArrayLength());
        Assert.Equal(5, changes.GetProperty("deleted").GetProperty("orders").GetArrayLength());
        await AssertTruthMatchesGraphQLAsync(shop);
    }

    [Fact]
    public async Task Updating_an_order_bumps_its_updatedAt_and_its_customer_follows_when_their_totals_move()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Orders = 100, ReferenceDate = null });
        var before = await shop.WalkAsync("orders", "id updatedAt customer { id updatedAt amountSpent { amount } }", pageSize: 100);
        var order = before.First(o => o.GetProperty("customer").ValueKind == JsonValueKind.Object);

        var changes = await shop.ChangeAsync(new { update = new { ids = new[] { order.Id() } } });
        var after = (await shop.DataAsync(
            "query O($id: ID!) { order(id: $id) { updatedAt customer { id updatedAt amountSpent { amount } } } }", new { id = order.Id() })).GetProperty("order");

        Assert.True(after.Time("updatedAt") > before.Max(o => o.Time("updatedAt")));
        var customerMoved = changes.GetProperty("updated").GetProperty("customers").EnumerateArray().Any(id => id.GetString() == order.GetProperty("customer").Id());
        Assert.Equal(customerMoved, after.GetProperty("customer").Time("updatedAt") > order.GetProperty("customer").Time("updatedAt"));
    }

    private static async Task AssertTruthMatchesGraphQLAsync(ShopClient shop)
    {
        var truth = await shop.TruthAsync();
        var orders = await shop.WalkAsync("orders", OrderFields, pageSize: 100);
        var customers = await shop.WalkAsync("customers", CustomerFields, pageSize: 100);
        var products = await shop.WalkAsync("products", "id", pageSize: 100);
        var counted = orders.Where(o => !o.GetProperty("test").GetBoolean() && o.GetProperty("cancelledAt").ValueKind == JsonValueKind.Null).ToList();

        Assert.Equal(products.Count, truth.GetProperty("products").GetInt32());
        Assert.Equal(customers.Count, truth.GetProperty("customers").GetInt32());
        Assert.Equal(orders.Count, truth.GetProperty("orders").GetInt32());
        Assert.Equal(counted.Count, truth.GetProperty("totalOrders").GetInt32());
        Assert.Equal(counted.Sum(o => o.GetProperty("currentTotalPriceSet").Amount()), truth.GetProperty("totalRevenue").GetDecimal());
        Assert.Equal(counted.Sum(o => o.GetProperty("totalPriceSet").Amount()), truth.GetProperty("grossRevenue").GetDecimal());

        // Customers' totals are what their orders add up to, and the top five follow from them.
        var spentByCustomer = counted.Where(o => o.GetProperty("customer").ValueKind == JsonValueKind.Object)
            .GroupBy(o => o.GetProperty("customer").Id())
            .ToDictionary(g => g.Key, g => (Amount: g.Sum(o => o.GetProperty("currentTotalPriceSet").Amount()), Count: g.Count()));
        foreach (var customer in customers)
        {
            var (amount, count) = spentByCustomer.GetValueOrDefault(customer.Id());
            Assert.Equal(amount, decimal.Parse(customer.GetProperty("amountSpent").GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), customer.GetProperty("numberOfOrders").GetString());
        }

        var expectedTop = customers
            .OrderByDescending(c => decimal.Parse(c.GetProperty("amountSpent").GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .ThenByDescending(c => int.Parse(c.GetProperty("numberOfOrders").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(c => long.Parse(c.Id().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .Take(5)
            .Select(c => c.Id());
        Assert.Equal(expectedTop, truth.GetProperty("topCustomers").EnumerateArray().Select(c => c.Id()));
    }
}
