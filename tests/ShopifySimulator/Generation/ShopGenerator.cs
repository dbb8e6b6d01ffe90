using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>
/// Generates a whole shop from its definition: the same seed, sizes, currency, time zone and
/// reference date always give the same shop, record for record.
/// </summary>
internal static class ShopGenerator
{
    public static ShopData Generate(ShopDefinition definition, DateTimeOffset referenceDate)
    {
        var reference = UnixTime.Seconds(referenceDate);
        var settings = new ShopSettings(
            definition.Shop,
            definition.Currency,
            TimeZoneInfo.FindSystemTimeZoneById(definition.Timezone),
            StableIds.ShopId(definition.Shop));
        var shop = new ShopData(
            settings,
            products: definition.Products,
            variants: definition.Products * 3,
            customers: definition.Customers,
            orders: definition.Orders,
            lineItems: (definition.Orders * 2) + 16);

        // Each resource has its own random source, so changing one size leaves the others' records alone.
        var timeline = new Random(Seeds.Derive(definition.Seed, Seeds.Timeline));
        var twoYearsAgo = reference - (2 * UnixTime.Year);
        var threeYearsAgo = reference - (3 * UnixTime.Year);

        // Most of the catalogue and of the customers predate the two years of orders; the rest arrive during them.
        var catalog = new CatalogFactory(Seeds.Derive(definition.Seed, Seeds.Catalog));
        foreach (var createdAt in Times(timeline, definition.Products, u => u < 0.4
                     ? UnixTime.Between(threeYearsAgo, twoYearsAgo, u / 0.4)
                     : UnixTime.Between(twoYearsAgo, reference - (7 * UnixTime.Day), (u - 0.4) / 0.6)))
        {
            catalog.AddProduct(shop, createdAt, reference);
        }

        var customers = new CustomerFactory(Seeds.Derive(definition.Seed, Seeds.Customers));
        foreach (var createdAt in Times(timeline, definition.Customers, u => UnixTime.Between(threeYearsAgo, reference, u)))
        {
            customers.AddCustomer(shop, createdAt, reference);
        }

        // Order volume grows over the two years (density rises linearly), as a young shop's does.
        var orders = new OrderFactory(Seeds.Derive(definition.Seed, Seeds.Orders));
        foreach (var createdAt in Times(timeline, definition.Orders, u => UnixTime.Between(twoYearsAgo, reference, Math.Sqrt(u))))
        {
            orders.AddOrder(shop, createdAt, reference);
        }

        RetireProducts(shop, new Random(Seeds.Derive(definition.Seed, Seeds.Retired)));
        shop.Customers.RecordsChanged();
        shop.LatestTimestamp = reference;
        return shop;
    }

    /// <summary>
    /// Deletes one product in forty (one at least in a catalogue of ten): their line items stay on old orders with a
    /// null variant and product, as on Shopify
    /// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/LineItem).
    /// </summary>
    private static void RetireProducts(ShopData shop, Random random)
    {
        var count = shop.Products.Count < 10 ? 0 : Math.Max(1, shop.Products.Count / 40);
        while (shop.Products.LiveCount > shop.Products.Count - count)
        {
            var index = random.Next(shop.Products.Count);
            if (!shop.Products[index].Deleted)
            {
                shop.Products.Delete(index);
            }
        }
    }

    /// <summary>Creation times in ascending order, so ids (which grow) follow creation like Shopify's.</summary>
    private static long[] Times(Random random, int count, Func<double, long> timeFor)
    {
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = timeFor(random.NextDouble());
        }

        Array.Sort(times);
        return times;
    }
}

/// <summary>
/// Per-purpose seeds derived from the shop's seed. Deterministic arithmetic on purpose:
/// <see cref="HashCode"/> is randomised per process and would break reproducibility.
/// </summary>
internal static class Seeds
{
    public const int Timeline = 1;
    public const int Catalog = 2;
    public const int Customers = 3;
    public const int Orders = 4;
    public const int Changes = 5;

    // Sources added later (missing fields, presentment currencies, deleted products, shop-state faults, bulk faults, the
    // order of ungrouped bulk output, webhook faults, and the cancellations and refunds of /changes) draw apart from the
    // first ones, so adding them moved none of the earlier draws.
    // Bulk sources skip ahead: the sums ShopChanges takes (Changes + Catalog...) reach 9.
    public const int Extras = 6;
    public const int Retired = 7;
    public const int ShopStateFaults = 8;
    public const int BulkFaults = 20;
    public const int BulkOrder = 21;
    public const int WebhookFaults = 22;
    public const int OrderAdjustments = 23;

    public static int Derive(int seed, int purpose) => unchecked((seed * 7_919) + (purpose * 104_729));
}
