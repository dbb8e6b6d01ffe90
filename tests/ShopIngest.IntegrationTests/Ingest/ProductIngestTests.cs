using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Catalog.Products;
using ShopIngest.Modules.Shared.Ingest;
using static ShopIngest.IntegrationTests.Ingest.SampleRecords;

namespace ShopIngest.IntegrationTests.Ingest;

[Collection(AppHostTests.Name)]
public sealed class ProductIngestTests(AppHostFixture fixture) : TenantDataTest(fixture)
{
    // A tag may hold a comma: tags travel as JSON, never joined into one string.
    private static readonly string[] SampleTags = ["summer", "cotton, organic"];


    private Task<IngestResult> UpsertAsync(params ProductRecord[] page) =>
        Modules.IngestAsync(Tenant, tx => Modules.Get<IProductIngest>().UpsertAsync(tx, page));

    private Task<List<object[]>> ProductsAsync() => QueryAsync(
        "SELECT shopify_id, title, status FROM catalog.products ORDER BY 1");

    private Task<List<object[]>> VariantsAsync() => QueryAsync(
        "SELECT shopify_id, product_shopify_id, price FROM catalog.product_variants ORDER BY 1");

    [Fact]
    public async Task A_page_of_new_products_is_inserted_with_its_variants_and_tags()
    {
        var result = await UpsertAsync(
            Product(1, title: "Shirt", variants: [Variant(11, price: 19.99m), Variant(12, price: 0.5m)]),
            Product(2, title: "Hat", status: "DRAFT"));

        Assert.Equal(new(2, 2), result);
        Assert.Equal([[1L, "Shirt", "ACTIVE"], [2L, "Hat", "DRAFT"]], await ProductsAsync());
        Assert.Equal([[11L, 1L, 19.99m], [12L, 1L, 0.5m]], await VariantsAsync());
        var product = Assert.Single(await QueryAsync(
            "SELECT handle, vendor, product_type, tags, created_at FROM catalog.products WHERE shopify_id = 1"));
        Assert.Equal(["shirt-1", "Acme", "Apparel", SampleTags, Epoch.UtcDateTime], product);
        var variant = Assert.Single(await QueryAsync(
            "SELECT title, sku, compare_at_price, inventory_quantity FROM catalog.product_variants WHERE shopify_id = 11"));
        Assert.Equal(["Size 11", "V-11", 24.99m, 11], variant);
    }

    [Fact]
    public async Task An_older_record_is_ignored_with_its_variants_and_a_newer_one_replaces_them()
    {
        await UpsertAsync(Product(1, updatedAt: Epoch, variants: [Variant(11), Variant(12)]), Product(2, variants: [Variant(21)]));

        var stale = await UpsertAsync(Product(1, updatedAt: Epoch.AddDays(-1), title: "Old", variants: [Variant(13)]));
        Assert.Equal(new(1, 0), stale);
        Assert.Equal([[11L, 1L, 19.99m], [12L, 1L, 19.99m], [21L, 2L, 19.99m]], await VariantsAsync());

        var fresh = await UpsertAsync(Product(1, updatedAt: Epoch.AddDays(1), title: "New", variants: [Variant(12, price: 9m), Variant(14)]));
        Assert.Equal(new(1, 1), fresh);
        Assert.Equal([[1L, "New", "ACTIVE"], [2L, "Shirt", "ACTIVE"]], await ProductsAsync());
        Assert.Equal([[12L, 1L, 9m], [14L, 1L, 19.99m], [21L, 2L, 19.99m]], await VariantsAsync());
    }

    [Fact]
    public async Task An_id_twice_in_one_page_keeps_the_newest_record_and_its_variants()
    {
        var result = await UpsertAsync(
            Product(1, updatedAt: Epoch.AddMinutes(1), title: "Newer", variants: [Variant(12)]),
            Product(1, updatedAt: Epoch, title: "Older", variants: [Variant(11)]));

        Assert.Equal(new(2, 1), result);
        Assert.Equal([[1L, "Newer", "ACTIVE"]], await ProductsAsync());
        Assert.Equal([[12L, 1L, 19.99m]], await VariantsAsync());
    }

    [Fact]
    public async Task The_variants_of_a_page_of_products_load_together()
    {
        await UpsertAsync(Product(1, variants: [Variant(11), Variant(12)]), Product(2), Product(3, variants: [Variant(31)]));

        var variants = await AsTenantAsync<ProductListing, ILookup<long, ProductVariant>>(v => v.VariantsOfAsync([1, 2, 3, 3]));

        Assert.Equal([11L, 12L], variants[1].Select(v => v.ShopifyId));
        Assert.Empty(variants[2]);
        Assert.Equal([31L], variants[3].Select(v => v.ShopifyId));
    }
}
