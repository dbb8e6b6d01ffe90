using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Tests;

public sealed class GeneratorTests
{
    private static readonly DateTimeOffset Reference = new(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_and_sizes_give_the_same_shop_record_for_record()
    {
        var first = ShopGenerator.Generate(Definition(seed: 7), Reference);
        var second = ShopGenerator.Generate(Definition(seed: 7), Reference);

        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void Another_seed_gives_another_shop()
    {
        var first = ShopGenerator.Generate(Definition(seed: 7), Reference);
        var second = ShopGenerator.Generate(Definition(seed: 8), Reference);

        Assert.NotEqual(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void Each_customers_amount_spent_and_order_count_are_the_sum_over_their_counted_orders()
    {
        var shop = ShopGenerator.Generate(Definition(seed: 3), Reference);

        AssertCustomerTotalsMatchOrders(shop);
    }

    [Fact]
    public void Changes_keep_customer_totals_equal_to_their_orders()
    {
        var shop = ShopGenerator.Generate(Definition(seed: 4), Reference);
        var changes = new ShopChanges(4);

        var outcome = changes.Apply(
            shop,
            new ChangeRequest(new ChangeTargets(2, 3, 20), new ChangeTargets(2, 2, 60), new ChangeTargets(1, 1, 10)),
            Reference.AddDays(1));

        Assert.NotNull(outcome.Result);
        Assert.Equal(20, outcome.Result.Created.Orders.Count);
        Assert.Equal(60, outcome.Result.Updated.Orders.Count);
        Assert.Equal(10, outcome.Result.Deleted.Orders.Count);
        AssertCustomerTotalsMatchOrders(shop);
    }

    [Fact]
    public void Orders_span_the_two_years_before_the_reference_with_a_realistic_mix()
    {
        var shop = ShopGenerator.Generate(Definition(seed: 5), Reference);
        var orders = Enumerable.Range(0, shop.Orders.Count).Select(i => shop.Orders[i]).ToList();
        var reference = Reference.ToUnixTimeSeconds();

        Assert.All(orders, o => Assert.InRange(o.CreatedAt, reference - (2 * UnixTime.Year), reference));
        Assert.All(orders, o => Assert.InRange(o.UpdatedAt, o.CreatedAt, reference));
        Assert.All(orders, o => Assert.InRange(o.LineItemCount, 1, 5));
        Assert.All(orders, o => Assert.Equal(o.TotalCents - o.RefundedCents, o.CurrentTotalCents));
        Assert.Contains(orders, o => o.Test);
        Assert.Contains(orders, o => o.IsCancelled);
        Assert.Contains(orders, o => o.CustomerIndex < 0);
        Assert.Contains(orders, o => o.FinancialStatus == OrderDisplayFinancialStatus.PartiallyRefunded && o.RefundedCents > 0 && o.RefundedCents < o.TotalCents);
        foreach (var status in new[] { OrderDisplayFinancialStatus.Paid, OrderDisplayFinancialStatus.Refunded, OrderDisplayFinancialStatus.Pending, OrderDisplayFinancialStatus.Authorized, OrderDisplayFinancialStatus.Voided })
        {
            Assert.Contains(orders, o => o.FinancialStatus == status);
        }
    }

    [Fact]
    public void Line_items_are_real_variants_of_products_that_existed_when_the_order_was_placed()
    {
        var shop = ShopGenerator.Generate(Definition(seed: 6), Reference);
        var earliestProduct = Enumerable.Range(0, shop.Products.Count).Min(i => shop.Products[i].CreatedAt);

        for (var i = 0; i < shop.Orders.Count; i++)
        {
            var order = shop.Orders[i];
            long itemsCents = 0;
            for (var line = order.FirstLineItem; line < order.FirstLineItem + order.LineItemCount; line++)
            {
                var lineItem = shop.LineItem(line);
                var product = shop.Products[shop.Variant(lineItem.VariantIndex).ProductIndex];
                Assert.InRange(lineItem.VariantIndex, product.FirstVariant, product.FirstVariant + product.VariantCount - 1);
                Assert.True(product.CreatedAt <= order.CreatedAt || product.CreatedAt == earliestProduct);
                itemsCents += lineItem.Quantity * lineItem.UnitPriceCents;
            }

            // The subtotal is the items less any discount.
            Assert.InRange(order.SubtotalCents, itemsCents * 8 / 10, itemsCents);
        }

        Assert.All(Enumerable.Range(0, shop.Products.Count), i => Assert.InRange(shop.Products[i].VariantCount, 1, 5));
    }

    private static void AssertCustomerTotalsMatchOrders(ShopData shop)
    {
        var expected = shop.Orders.LiveIndexes()
            .Select(i => shop.Orders[i])
            .Where(o => o.Counts && o.CustomerIndex >= 0)
            .GroupBy(o => o.CustomerIndex)
            .ToDictionary(g => g.Key, g => (Amount: g.Sum(o => o.CurrentTotalCents), Count: g.Count()));
        foreach (var index in shop.Customers.LiveIndexes())
        {
            var customer = shop.Customers[index];
            var (amount, count) = expected.GetValueOrDefault(index);
            Assert.Equal((amount, count), (customer.AmountSpentCents, customer.NumberOfOrders));
        }
    }

    private static ShopDefinition Definition(int seed) => new()
    {
        Shop = "generator.myshopify.com",
        AccessToken = "t",
        Seed = seed,
        Products = 40,
        Customers = 150,
        Orders = 2_000,
    };

    /// <summary>Every record of the shop as text, so two shops compare field by field.</summary>
    private static string Fingerprint(ShopData shop)
    {
        var parts = new List<object>();
        parts.AddRange(Enumerable.Range(0, shop.Products.Count).Select(i => (object)shop.Products[i]));
        parts.AddRange(Enumerable.Range(0, shop.VariantCount).Select(i => (object)shop.Variant(i)));
        parts.AddRange(Enumerable.Range(0, shop.Customers.Count).Select(i => (object)shop.Customers[i]));
        parts.AddRange(Enumerable.Range(0, shop.Orders.Count).Select(i => (object)shop.Orders[i]));
        parts.AddRange(Enumerable.Range(0, shop.LineItemCount).Select(i => (object)shop.LineItem(i)));
        return string.Join('\n', parts.Select(part => JsonSerializer.Serialize(part, part.GetType())));
    }
}
