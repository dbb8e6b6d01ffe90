using System.Text;
using System.Text.Json;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Resources.Customers;
using ShopIngest.Modules.Sync.Resources.Orders;
using ShopIngest.Modules.Sync.Resources.Products;

namespace ShopIngest.UnitTests.Sync;

/// <summary>
/// Each feed's <c>FromExport</c> against bulk export results written by hand as Shopify documents them for
/// <c>groupObjects: false</c> (tests/ShopifyFixtures/bulk/*.jsonl): every object its own line, a child before or after
/// its parent with the parent's id as <c>__parentId</c>, parents interleaved. The lines are grouped here as the engine's
/// staging table groups them, so what the feeds make of them is what a bulk first sync stores.
/// </summary>
public sealed class BulkExportFixtureTests
{
    [Fact]
    public void Orders_are_read_from_an_ungrouped_export_with_their_line_items_and_nulls_stored_as_null()
    {
        var log = new RecordingLogger<OrderFeed>();
        var page = ReadExport(new OrderFeed(client: null!, ingest: null!, log), "bulk/orders.jsonl");

        Assert.Equal([5002L, 5001L, 5003L], page.Records.Select(order => order.ShopifyId));

        var full = page.Records.Single(order => order.ShopifyId == 5001);
        Assert.Equal([9011L, 9012L], full.LineItems.Select(item => item.ShopifyId));
        Assert.True(full is { Email: "ada@example.com", CustomerShopifyId: 7001, PresentmentCurrencyCode: "CAD", PresentmentCurrentTotalPrice: 88.12m },
            $"order 5001 was read with email {full.Email}, customer {full.CustomerShopifyId}, presentment {full.PresentmentCurrentTotalPrice} {full.PresentmentCurrencyCode}");
        Assert.True(full is { TotalPrice: 64.50m, SubtotalPrice: 59.50m, CurrentTotalPrice: 64.50m, TotalRefunded: 0m },
            $"order 5001's amounts were read as total {full.TotalPrice}, subtotal {full.SubtotalPrice}, current {full.CurrentTotalPrice}, refunded {full.TotalRefunded}");
        var socks = full.LineItems[0];
        Assert.True(socks is { Quantity: 2, OriginalUnitPrice: 12.25m, Sku: "SOCK-W", VariantShopifyId: 3011, ProductShopifyId: 2011 },
            $"line item 9011 was read as quantity {socks.Quantity}, price {socks.OriginalUnitPrice}, sku {socks.Sku}, variant {socks.VariantShopifyId}, product {socks.ProductShopifyId}");

        var guest = page.Records.Single(order => order.ShopifyId == 5002);
        Assert.True(guest.Email is null && guest.CustomerShopifyId is null && guest.SubtotalPrice is null && guest.DisplayFinancialStatus is null
            && guest.CancelledAt is null && guest.CancelReason is null,
            "order 5002's email, customer, subtotalPriceSet, displayFinancialStatus, cancelledAt and cancelReason were null and must be stored as null");
        Assert.Equal(19.99m, guest.TotalPrice);
        var engraving = Assert.Single(guest.LineItems);
        Assert.Equal(9021L, engraving.ShopifyId);
        Assert.True(engraving.Sku is null && engraving.VariantShopifyId is null && engraving.ProductShopifyId is null,
            "line item 9021's sku, variant and product were null and must be stored as null");

        var cancelled = page.Records.Single(order => order.ShopifyId == 5003);
        Assert.Equal(new DateTimeOffset(2025, 9, 21, 9, 0, 0, TimeSpan.Zero), cancelled.CancelledAt);
        Assert.Equal("CUSTOMER", cancelled.CancelReason);
        Assert.True(cancelled.Test, "order 5003 is a test order");
        Assert.Equal(42.00m, cancelled.TotalRefunded);
        Assert.Equal(0.00m, cancelled.CurrentTotalPrice);
        Assert.Equal([9031L], cancelled.LineItems.Select(item => item.ShopifyId));

        Assert.Equal(1, page.Skipped);
        var logged = Assert.Single(log.Entries);
        Assert.Contains("LineItem (no id) of Order 5001: id is missing", logged.Message, StringComparison.Ordinal);
        Assert.True(page.MaxUpdatedAt is null && !page.HasNextPage && page.Shop is null,
            "a page read from an export carries no updatedAt cursor, no next page and no shop: the export says where paging resumes");
    }

    /// <summary>
    /// Shopify promises no order between an ungrouped export's lines: whichever way they come, each order gets exactly its
    /// own line items and the line item without an id is dropped.
    /// </summary>
    [Theory]
    [InlineData("as exported")]
    [InlineData("reversed")]
    [InlineData("children first")]
    [InlineData("parents first")]
    [InlineData("second half first")]
    public void Each_order_gets_its_own_line_items_whatever_the_order_of_the_lines(string arrangement)
    {
        var lines = Arrange(ExportedLines.Read("bulk/orders.jsonl"), arrangement);

        var page = new OrderFeed(client: null!, ingest: null!, new RecordingLogger<OrderFeed>()).FromExport(ExportedLines.Group(lines));

        var itemsByOrder = page.Records.ToDictionary(order => order.ShopifyId, order => order.LineItems.Select(item => item.ShopifyId).Order().ToList());
        Assert.True(itemsByOrder.Count == 3, $"{arrangement}: {itemsByOrder.Count} orders were read, not 3");
        Assert.Equal([9011L, 9012L], itemsByOrder[5001]);
        Assert.Equal([9021L], itemsByOrder[5002]);
        Assert.Equal([9031L], itemsByOrder[5003]);
        Assert.True(page.Skipped == 1, $"{arrangement}: {page.Skipped} skipped, but exactly the line item without an id should be");
    }

    [Fact]
    public void Products_are_read_from_an_ungrouped_export_with_their_variants_and_the_variant_with_a_garbled_id_dropped()
    {
        var log = new RecordingLogger<ProductFeed>();
        var page = ReadExport(new ProductFeed(client: null!, ingest: null!, log), "bulk/products.jsonl");

        Assert.Equal([2012L, 2011L], page.Records.Select(product => product.ShopifyId));
        var (scarf, socks) = (page.Records[0], page.Records[1]);

        Assert.True(scarf is { Status: "DRAFT", Vendor: "", ProductType: "", Tags.Count: 0 },
            $"product 2012 was read as status {scarf.Status}, vendor '{scarf.Vendor}', type '{scarf.ProductType}', {scarf.Tags.Count} tags");
        var plain = Assert.Single(scarf.Variants);
        Assert.True(plain is { ShopifyId: 3012, Sku: "SCARF-1", Price: 35.00m, InventoryQuantity: -2 },
            $"variant 3012 was read as {plain.ShopifyId}, sku {plain.Sku}, price {plain.Price}, inventory {plain.InventoryQuantity}");

        Assert.Equal(["winter", "wool"], socks.Tags);
        Assert.Equal([3013L, 3011L], socks.Variants.Select(variant => variant.ShopifyId));
        Assert.True(socks.Variants[0].Sku is null && socks.Variants[0].InventoryQuantity is null,
            "variant 3013's sku and inventoryQuantity were null and must be stored as null");
        Assert.Equal(40, socks.Variants[1].InventoryQuantity);

        Assert.Equal(1, page.Skipped);
        var logged = Assert.Single(log.Entries);
        Assert.Contains("ProductVariant 'gid://shopify/ProductVariant/not-a-number' of Product 2012: id is not a Shopify GID", logged.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Customers_are_read_from_an_export_with_nulls_stored_as_null_and_the_one_without_a_usable_id_skipped()
    {
        var log = new RecordingLogger<CustomerFeed>();
        var page = ReadExport(new CustomerFeed(client: null!, ingest: null!, log), "bulk/customers.jsonl");

        Assert.Equal([7002L, 7001L], page.Records.Select(customer => customer.ShopifyId));

        var byEmail = page.Records[0];
        Assert.True(byEmail.FirstName is null && byEmail.LastName is null && byEmail.Phone is null,
            "customer 7002's firstName, lastName and defaultPhoneNumber were null and must be stored as null");
        Assert.True(byEmail.City is null && byEmail.Province is null && byEmail.Country is null && byEmail.CountryCode is null,
            "customer 7002's defaultAddress was null: it must be stored without an address");
        Assert.Equal("cy@example.com", byEmail.Email);
        Assert.Equal(0, byEmail.NumberOfOrders);

        var ada = page.Records[1];
        Assert.True(ada.Province is null, "customer 7001's province was null and must be stored as null");
        Assert.True(ada is { City: "London", CountryCode: "GB", Phone: "+14155550101", AmountSpent: 64.50m, AmountSpentCurrency: "USD", NumberOfOrders: 1 },
            $"customer 7001 was read as {ada.City}/{ada.CountryCode}, phone {ada.Phone}, spent {ada.AmountSpent} {ada.AmountSpentCurrency}, {ada.NumberOfOrders} orders");

        Assert.Equal(1, page.Skipped);
        Assert.Contains("Customer 'gid://shopify/Customer/': id is not a Shopify GID", Assert.Single(log.Entries).Message, StringComparison.Ordinal);
    }

    private static FetchedPage<TRecord> ReadExport<TRecord>(IResourceFeed<TRecord> feed, string fixture) =>
        feed.FromExport(ExportedLines.Group(ExportedLines.Read(fixture)));

    private static List<string> Arrange(IReadOnlyList<string> lines, string arrangement)
    {
        var children = lines.Where(ExportedLines.IsChild).ToList();
        var parents = lines.Where(line => !ExportedLines.IsChild(line)).ToList();
        return arrangement switch
        {
            "as exported" => [.. lines],
            "reversed" => [.. lines.Reverse()],
            "children first" => [.. children, .. parents],
            "parents first" => [.. parents, .. children],
            "second half first" => [.. lines.Skip(lines.Count / 2), .. lines.Take(lines.Count / 2)],
            _ => throw new ArgumentOutOfRangeException(nameof(arrangement), arrangement, "no such arrangement of the lines"),
        };
    }
}

/// <summary>
/// A bulk export's JSONL result read back as the engine's staging does (<c>StagedExport.ReadAsync</c>): the top-level
/// lines in file order, numbered from 1 among the non-blank lines, each with the lines whose <c>__parentId</c> is its
/// <c>id</c>, in file order.
/// </summary>
internal static class ExportedLines
{
    /// <summary>
    /// The non-blank lines of a fixture. The test project copies only the fixtures' <c>*.json</c> next to the tests, so a
    /// <c>*.jsonl</c> one is read from tests/ShopifyFixtures in the source tree when it is not there.
    /// </summary>
    public static IReadOnlyList<string> Read(string name)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "ShopifyFixtures", name);
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); !File.Exists(copied) && folder is not null; folder = folder.Parent)
        {
            copied = Path.Combine(folder.FullName, "tests", "ShopifyFixtures", name);
        }

        return File.Exists(copied)
            ? [.. File.ReadAllLines(copied).Where(line => !string.IsNullOrWhiteSpace(line))]
            : throw new FileNotFoundException($"The Shopify fixture {name} is neither next to the tests nor under tests/ShopifyFixtures of the source tree.");
    }

    public static bool IsChild(string line) => TopLevelString(line, "__parentId") is not null;

    public static IReadOnlyList<ExportedObject> Group(IReadOnlyList<string> lines)
    {
        var numbered = lines.Select((json, index) => (Line: index + 1L, Json: json, Id: TopLevelString(json, "id"), Parent: TopLevelString(json, "__parentId")))
            .ToList();
        return [.. numbered.Where(line => line.Parent is null).Select(parent => new ExportedObject(parent.Line, Encoding.UTF8.GetBytes(parent.Json),
            [.. numbered.Where(child => parent.Id is not null && child.Parent == parent.Id).Select(child => Encoding.UTF8.GetBytes(child.Json))]))];
    }

    private static string? TopLevelString(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
