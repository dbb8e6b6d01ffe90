using System.Globalization;
using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests;

/// <summary>
/// The generated shop uses what Shopify's schema allows: nulls where fields are nullable, orders paid in another
/// currency, every product status. A client that assumed otherwise must fail against it.
/// </summary>
public sealed class GeneratedDataTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string MoneyBag = "shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }";

    public static TheoryData<string, string, string> DeclaredTypes => new()
    {
        { "Order", "subtotalPriceSet", "MoneyBag" },
        { "Order", "totalPriceSet", "MoneyBag!" },
        { "Order", "currentTotalPriceSet", "MoneyBag!" },
        { "Order", "customer", "Customer" },
        { "Order", "email", "String" },
        { "Order", "displayFinancialStatus", "OrderDisplayFinancialStatus" },
        { "Order", "presentmentCurrencyCode", "CurrencyCode!" },
        { "LineItem", "variant", "ProductVariant" },
        { "LineItem", "product", "Product" },
        { "LineItem", "title", "String!" },
        { "Customer", "email", "String" },
        { "Customer", "phone", "String" },
        { "Customer", "defaultAddress", "MailingAddress" },
        { "Customer", "defaultEmailAddress", "CustomerEmailAddress" },
        { "MoneyBag", "presentmentMoney", "MoneyV2!" },
        { "Product", "status", "ProductStatus!" },
        { "QueryRoot", "customers", "CustomerConnection!" },
        { "QueryRoot", "customersCount", "Count" },
        { "QueryRoot", "order", "Order" },
        { "QueryRoot", "currentAppInstallation", "AppInstallation!" },
        { "AppInstallation", "accessScopes", "[AccessScope!]!" },
        { "AccessScope", "handle", "String!" },
    };

    [Theory]
    [MemberData(nameof(DeclaredTypes))]
    public async Task Fields_are_declared_with_the_nullability_of_the_2025_10_reference(string type, string field, string expected)
    {
        var shop = await simulator.CreateShopAsync();

        var data = await shop.DataAsync(
            "query T($name: String!) { __type(name: $name) { fields(includeDeprecated: true) { name type { ...R ofType { ...R ofType { ...R ofType { ...R } } } } } } } fragment R on __Type { kind name }",
            new { name = type });

        var declared = data.GetProperty("__type").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == field);
        Assert.Equal(expected, Render(declared.GetProperty("type")));
    }

    [Fact]
    public async Task Some_orders_have_no_subtotal_no_customer_no_email_and_line_items_of_deleted_products()
    {
        var shop = await simulator.CreateShopAsync();

        var orders = await shop.WalkAsync(
            "orders", "id email subtotalPriceSet { shopMoney { amount } } customer { id } lineItems(first: 5) { nodes { title variant { id } product { id } } }",
            pageSize: 40);
        var lineItems = orders.SelectMany(o => o.GetProperty("lineItems").GetProperty("nodes").EnumerateArray()).ToList();

        Assert.Contains(orders, o => o.GetProperty("subtotalPriceSet").ValueKind == JsonValueKind.Null);
        Assert.Contains(orders, o => o.GetProperty("customer").ValueKind == JsonValueKind.Null);
        Assert.Contains(orders, o => o.GetProperty("email").ValueKind == JsonValueKind.Null);
        var orphans = lineItems.Where(l => l.GetProperty("product").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(orphans);
        Assert.All(orphans, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("variant").ValueKind));
        Assert.All(orphans, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("title").GetString()), "a line item keeps its title when its product is deleted"));
        Assert.Contains(lineItems, l => l.GetProperty("product").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task Some_customers_have_no_email_no_phone_or_no_default_address()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Customers = 80 });

        var customers = await shop.WalkAsync("customers", "id email phone defaultEmailAddress { emailAddress } defaultAddress { city countryCodeV2 }", pageSize: 80);

        var withoutEmail = customers.Where(c => c.GetProperty("email").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(withoutEmail);
        Assert.All(withoutEmail, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("defaultEmailAddress").ValueKind));
        Assert.Contains(customers, c => c.GetProperty("phone").ValueKind == JsonValueKind.Null);
        Assert.Contains(customers, c => c.GetProperty("defaultAddress").ValueKind == JsonValueKind.Null);
        Assert.Contains(customers, c => c.GetProperty("email").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Some_orders_were_paid_in_another_currency_converted_at_one_rate_and_the_truth_stays_in_shop_money()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Currency = "EUR" });

        var orders = await shop.WalkAsync(
            "orders", $"id test cancelledAt currencyCode presentmentCurrencyCode totalPriceSet {{ {MoneyBag} }} currentTotalPriceSet {{ {MoneyBag} }}",
            pageSize: 50);
        var truth = await shop.TruthAsync();

        var foreign = orders.Where(o => o.GetProperty("presentmentCurrencyCode").GetString() != "EUR").ToList();
        Assert.NotEmpty(foreign);
        Assert.Contains(orders, o => o.GetProperty("presentmentCurrencyCode").GetString() == "EUR");
        Assert.All(orders, o => Assert.Equal("EUR", o.GetProperty("currencyCode").GetString()));
        foreach (var order in foreign)
        {
            var total = order.GetProperty("totalPriceSet");
            Assert.Equal("EUR", total.GetProperty("shopMoney").GetProperty("currencyCode").GetString());
            Assert.Equal(order.GetProperty("presentmentCurrencyCode").GetString(), total.GetProperty("presentmentMoney").GetProperty("currencyCode").GetString());
            Assert.NotEqual(Amount(total, "shopMoney"), Amount(total, "presentmentMoney"));
            AssertSameRate(total, order.GetProperty("currentTotalPriceSet"));
        }

        var counted = orders.Where(o => !o.GetProperty("test").GetBoolean() && o.GetProperty("cancelledAt").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(counted.Sum(o => Amount(o.GetProperty("currentTotalPriceSet"), "shopMoney")), truth.GetProperty("totalRevenue").GetDecimal());
    }

    [Fact]
    public async Task Line_item_prices_of_a_foreign_order_are_in_its_presentment_currency_too()
    {
        var shop = await simulator.CreateShopAsync();

        var orders = await shop.WalkAsync(
            "orders", $"presentmentCurrencyCode lineItems(first: 5) {{ nodes {{ originalUnitPriceSet {{ {MoneyBag} }} }} }}", pageSize: 40);

        var foreign = orders.First(o => o.GetProperty("presentmentCurrencyCode").GetString() != "USD");
        Assert.All(foreign.GetProperty("lineItems").GetProperty("nodes").EnumerateArray(), line => Assert.Equal(
            foreign.GetProperty("presentmentCurrencyCode").GetString(),
            line.GetProperty("originalUnitPriceSet").GetProperty("presentmentMoney").GetProperty("currencyCode").GetString()));
    }

    [Fact]
    public async Task Products_come_in_every_status_of_the_2025_10_enum_including_UNLISTED()
    {
        var shop = await simulator.CreateShopAsync(new ShopSpec { Products = 120 });

        var statuses = (await shop.WalkAsync("products", "status", pageSize: 120)).Select(p => p.GetProperty("status").GetString()).ToHashSet();

        Assert.Equal(new HashSet<string?> { "ACTIVE", "ARCHIVED", "DRAFT", "UNLISTED" }, statuses);
    }

    /// <summary>Both bags were converted at the order's one rate (up to the rounding of each amount).</summary>
    private static void AssertSameRate(JsonElement bag, JsonElement other)
    {
        if (Amount(other, "shopMoney") == 0)
        {
            Assert.Equal(0, Amount(other, "presentmentMoney"));
            return;
        }

        var rate = Amount(bag, "presentmentMoney") / Amount(bag, "shopMoney");
        var expected = Amount(other, "shopMoney") * rate;
        Assert.InRange(Amount(other, "presentmentMoney"), expected - 1, expected + 1);
    }

    private static decimal Amount(JsonElement bag, string side) =>
        decimal.Parse(bag.GetProperty(side).GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>An introspected type reference in SDL: <c>[AccessScope!]!</c>.</summary>
    private static string Render(JsonElement type) => type.GetProperty("kind").GetString() switch
    {
        "NON_NULL" => Render(type.GetProperty("ofType")) + "!",
        "LIST" => "[" + Render(type.GetProperty("ofType")) + "]",
        _ => type.GetProperty("name").GetString()!,
    };
}
