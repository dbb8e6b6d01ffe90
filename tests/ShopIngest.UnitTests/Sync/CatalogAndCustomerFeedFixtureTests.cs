using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Resources.Customers;
using ShopIngest.Modules.Sync.Resources.Products;
using static ShopIngest.UnitTests.Sync.ScriptedShopify;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// ProductFeed and CustomerFeed against pages written by hand as Shopify documents its products and customers
/// (tests/ShopifyFixtures), with every field Shopify declares nullable set to null somewhere.
/// </summary>
public sealed class CatalogAndCustomerFeedFixtureTests
{
    [Fact]
    public async Task Products_whose_variants_have_no_sku_and_no_inventory_quantity_are_stored_with_nulls()
    {
        var log = new RecordingLogger<ProductFeed>();
        var feed = new ProductFeed(ShopifyClients.Create(Answering("products/every-nullable-null.json"), new SleeplessTime()), ingest: null!, log);

        var page = await feed.FetchAsync(ShopifyClients.Shop, new PageRequest(10, "c0", null, WithShop: false), CancellationToken.None);

        Assert.Equal([108828309L, 20995642L], page.Records.Select(product => product.ShopifyId));
        var draft = page.Records[0];
        var variant = Assert.Single(draft.Variants);
        Assert.True(variant.Sku is null && variant.InventoryQuantity is null, "sku and inventoryQuantity were null and must be stored as null");
        Assert.Equal(19.99m, variant.Price);
        Assert.Equal("Default Title", variant.Title);
        Assert.Equal("", draft.Vendor);
        Assert.Empty(draft.Tags);
        Assert.Equal(5, Assert.Single(page.Records[1].Variants).InventoryQuantity);
        Assert.Equal(["winter", "sale"], page.Records[1].Tags);

        Assert.Equal(0, page.Skipped);
        Assert.Empty(log.Entries);
        Assert.True(page.HasNextPage);
        Assert.Equal(new DateTimeOffset(2025, 10, 3, 12, 0, 0, TimeSpan.Zero), page.MaxUpdatedAt);
        Assert.Null(page.Shop);
    }

    [Fact]
    public async Task Customers_without_names_email_phone_or_address_are_stored_with_nulls()
    {
        var log = new RecordingLogger<CustomerFeed>();
        var feed = new CustomerFeed(ShopifyClients.Create(Answering("customers/every-nullable-null.json"), new SleeplessTime()), ingest: null!, log);

        var page = await feed.FetchAsync(ShopifyClients.Shop, new PageRequest(10, null, null, WithShop: true), CancellationToken.None);

        Assert.Equal(2, page.Records.Count);
        var byPhone = page.Records[0];
        Assert.True(byPhone.FirstName is null && byPhone.LastName is null, "firstName and lastName were null and must be stored as null");
        Assert.True(byPhone.Email is null, "defaultEmailAddress was null: the customer must be stored without an email");
        Assert.True(byPhone.City is null && byPhone.Province is null && byPhone.Country is null && byPhone.CountryCode is null,
            "defaultAddress was null: the customer must be stored without an address");
        Assert.Equal("+16135551111", byPhone.Phone);
        Assert.Equal("+16135551111", byPhone.DisplayName);

        var bob = page.Records[1];
        Assert.True(bob.Phone is null, "defaultPhoneNumber was null: the customer must be stored without a phone");
        Assert.True(bob.City is null && bob.CountryCode is null, "the address's city and countryCodeV2 were null and must be stored as null");
        Assert.Equal("bob@example.com", bob.Email);
        Assert.Equal(120.50m, bob.AmountSpent);
        Assert.Equal("CAD", bob.AmountSpentCurrency);
        Assert.Equal(2, bob.NumberOfOrders);

        Assert.Equal(0, page.Skipped);
        Assert.Empty(log.Entries);
        Assert.Equal("America/Toronto", page.Shop!.IanaTimezone);
    }

    private static ScriptedShopify Answering(string fixture) => new(() => Json(ShopifyFixtures.Read(fixture)));
}
