using System.Globalization;
using Bogus;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>Makes products with 1 to 5 variants. Bogus gives the words; the seed makes them repeatable.</summary>
internal sealed class CatalogFactory
{
    // UNLISTED is one of the four values of ProductStatus in 2025-10
    // (https://shopify.dev/docs/api/admin-graphql/2025-10/enums/ProductStatus); common enough to show up in small shops.
    private static readonly Weighted<ProductStatus> Statuses = new(
        (ProductStatus.Active, 80), (ProductStatus.Draft, 7), (ProductStatus.Archived, 7), (ProductStatus.Unlisted, 6));

    private static readonly Weighted<int> VariantCounts = new((1, 40), (2, 15), (3, 20), (4, 15), (5, 10));

    private static readonly string[][] OptionValues =
    [
        ["XS", "S", "M", "L", "XL"],
        ["Black", "White", "Navy", "Red", "Olive"],
        ["Small", "Medium", "Large", "Family", "Bulk"],
    ];

    private readonly Faker _faker;
    private readonly string[] _vendors;

    public CatalogFactory(int seed)
    {
        _faker = new Faker("en") { Random = new Randomizer(seed) };
        _vendors = [.. Enumerable.Range(0, 24).Select(_ => _faker.Company.CompanyName())];
    }

    /// <summary>Adds a product created at <paramref name="createdAt"/> and last updated no later than <paramref name="latest"/>.</summary>
    public int AddProduct(ShopData shop, long createdAt, long latest)
    {
        var random = _faker.Random;
        var title = _faker.Commerce.ProductName();
        var productId = shop.Ids.Product += random.Int(1, 40);
        var firstVariant = shop.VariantCount;
        var variantCount = VariantCounts.Pick(random.Double());
        var options = OptionValues[random.Int(0, OptionValues.Length - 1)];
        var basePrice = PriceCents(shop.Settings, random.Double());
        for (var v = 0; v < variantCount; v++)
        {
            shop.AddVariant(new VariantRecord
            {
                Id = shop.Ids.Variant += random.Int(1, 40),
                ProductIndex = shop.Products.Count,
                Title = variantCount == 1 ? "Default Title" : options[v],
                Sku = string.Create(CultureInfo.InvariantCulture, $"SKU-{productId % 1_000_000:D6}-{v + 1}"),
                PriceCents = basePrice + (v * (shop.Settings.IsZeroDecimalCurrency ? 10_000 : 200)),
                InventoryQuantity = random.Double() < 0.1 ? 0 : random.Int(1, 250),
            });
        }

        return shop.Products.Add(new ProductRecord
        {
            Id = productId,
            Title = title,
            Handle = string.Create(CultureInfo.InvariantCulture, $"{Slug(title)}-{shop.Products.Count + 1}"),
            Vendor = _vendors[random.Int(0, _vendors.Length - 1)],
            ProductType = _faker.Commerce.Categories(1)[0],
            Tags = [.. Enumerable.Range(0, random.Int(0, 3)).Select(_ => _faker.Commerce.ProductAdjective()).Distinct()],
            Status = Statuses.Pick(random.Double()),
            CreatedAt = createdAt,
            UpdatedAt = UnixTime.Between(createdAt, latest, random.Double()),
            FirstVariant = firstVariant,
            VariantCount = variantCount,
        });
    }

    /// <summary>Changes what a merchant typically edits: a price, stock, the status.</summary>
    public void Edit(ShopData shop, int productIndex, long now)
    {
        var random = _faker.Random;
        ref var product = ref shop.Products[productIndex];
        ref var variant = ref shop.Variant(product.FirstVariant + random.Int(0, product.VariantCount - 1));
        variant.PriceCents = Math.Max(100, variant.PriceCents + (random.Int(-5, 5) * 100));
        variant.InventoryQuantity = random.Int(0, 250);
        if (random.Double() < 0.2)
        {
            product.Status = product.Status == ProductStatus.Active ? ProductStatus.Archived : ProductStatus.Active;
        }

        product.UpdatedAt = now;
    }

    /// <summary>Prices like 19.99, skewed to the cheap end; whole amounts in zero-decimal currencies.</summary>
    private static long PriceCents(ShopSettings settings, double uniform)
    {
        var units = 5 + (long)(uniform * uniform * 245);
        return settings.IsZeroDecimalCurrency ? units * 100 * 100 : (units * 100) + 99;
    }

    private static string Slug(string title) =>
        string.Join('-', title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
