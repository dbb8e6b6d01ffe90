using System.Text.Json;
using ShopIngest.Modules.Sync.Webhooks.Topics;

namespace ShopIngest.UnitTests.Sync.Webhooks;

/// <summary>
/// Webhook bodies as Shopify documents them (tests/ShopifyFixtures/webhooks) become the same records the GraphQL sync
/// writes: ids past 2^53 exact, money strings exact, shop-offset times as instants, REST's lower-case enums in GraphQL's
/// upper case.
/// </summary>
public sealed class RestPayloadMappingTests
{
    [Fact]
    public void An_order_body_becomes_the_order_record_the_sync_would_write()
    {
        var order = RestRecords.Order(Body("webhooks/orders-create.json"));

        Assert.Equal(820982911946154508L, order.ShopifyId);
        Assert.Equal("#9999", order.Name);
        Assert.Equal("jon@example.com", order.Email);
        Assert.Equal(115310627314723954L, order.CustomerShopifyId);
        Assert.Equal(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), order.CreatedAt);
        Assert.Equal(order.CreatedAt, order.ProcessedAt);
        Assert.Equal(order.CreatedAt, order.UpdatedAt);
        Assert.Equal(order.CreatedAt, order.CancelledAt);
        Assert.Equal("CUSTOMER", order.CancelReason);
        Assert.True(order.Test);
        Assert.Equal("VOIDED", order.DisplayFinancialStatus);
        Assert.Equal("UNFULFILLED", order.DisplayFulfillmentStatus);
        Assert.Equal("USD", order.CurrencyCode);
        Assert.Equal(404.95m, order.TotalPrice);
        Assert.Equal(404.95m, order.SubtotalPrice);
        Assert.Equal(414.95m, order.CurrentTotalPrice);
        Assert.Equal("USD", order.PresentmentCurrencyCode);
        Assert.Equal(414.95m, order.PresentmentCurrentTotalPrice);
        Assert.True(order.TotalRefunded == 0m, "the current total is above the total (an edit added to it): nothing was refunded");

        var item = Assert.Single(order.LineItems);
        Assert.Equal(487817672276298554L, item.ShopifyId);
        Assert.Equal("Aviator sunglasses", item.Title);
        Assert.Equal(1, item.Quantity);
        Assert.Equal("SKU2006-001", item.Sku);
        Assert.Equal(788032119674292922L, item.ProductShopifyId);
        Assert.Null(item.VariantShopifyId);
        Assert.Equal(89.99m, item.OriginalUnitPrice);
    }

    [Fact]
    public void A_refunded_order_of_a_shop_ahead_of_UTC_keeps_shop_money_and_counts_the_refund_in_shop_money()
    {
        var order = RestRecords.Order(Body("webhooks/orders-updated-refunded.json"));

        Assert.Equal(new DateTimeOffset(2025, 6, 30, 18, 15, 0, TimeSpan.Zero), order.ProcessedAt);
        Assert.Equal(new DateTimeOffset(2025, 7, 2, 4, 30, 0, TimeSpan.Zero), order.UpdatedAt);
        Assert.Equal("PARTIALLY_REFUNDED", order.DisplayFinancialStatus);
        Assert.Equal("PARTIALLY_FULFILLED", order.DisplayFulfillmentStatus);
        Assert.Equal("EUR", order.CurrencyCode);
        Assert.Equal(50.00m, order.TotalPrice);
        Assert.Equal(30.00m, order.CurrentTotalPrice);
        Assert.True(order.TotalRefunded == 20.00m, "the refund is 20 EUR in shop money, not the 21.74 USD of its transaction");
        Assert.True(order.SubtotalPrice is null, "subtotal_price_set was null: the subtotal must be stored as null, not 0");
        Assert.True(order.CustomerShopifyId is null && order.Email is null, "a guest order has neither customer nor email");
        Assert.Equal("USD", order.PresentmentCurrencyCode);
        Assert.Equal(32.61m, order.PresentmentCurrentTotalPrice);

        var item = Assert.Single(order.LineItems);
        Assert.True(item.ProductShopifyId is null && item.VariantShopifyId is null, "the product was deleted: the line item keeps no reference to it");
        Assert.Equal(2, item.Quantity);
        Assert.Equal(25.00m, item.OriginalUnitPrice);
    }

    [Fact]
    public void A_product_body_keeps_ids_past_two_to_the_53_exact()
    {
        var product = RestRecords.Product(Body("webhooks/products-create.json"));

        // A double holds 2^53 + 1 as 2^53: read through one, these ids would name other products.
        Assert.Equal(9007199254740993L, product.ShopifyId);
        Assert.Equal("Organic Tee", product.Title);
        Assert.Equal("organic-tee", product.Handle);
        Assert.Equal("DRAFT", product.Status);
        Assert.Equal("Acme", product.Vendor);
        Assert.Empty(product.Tags);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 9, 30, 0, TimeSpan.Zero), product.CreatedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 10, 30, 0, TimeSpan.Zero), product.UpdatedAt);

        var variant = Assert.Single(product.Variants);
        Assert.Equal(9007199254740995L, variant.ShopifyId);
        Assert.Equal("TEE-ORG-S", variant.Sku);
        Assert.Equal(0.00m, variant.Price);
        Assert.Null(variant.CompareAtPrice);
        Assert.Equal(0, variant.InventoryQuantity);
    }

    [Fact]
    public void A_products_update_body_splits_its_tags_and_reads_each_variants_prices()
    {
        var body = Body("webhooks/products-update.json");

        // The reference's sample carries created_at: null, which no real product has; the record cannot be made without it.
        var refused = Assert.Throws<UnusablePayloadException>(() => RestRecords.Product(body));
        Assert.Equal("created_at is missing", refused.Message);

        var product = RestRecords.Product(With(body, "created_at", "2021-12-29T19:00:00-05:00"));
        Assert.Equal(["example", "mens", "t-shirt"], product.Tags);
        Assert.Equal("ACTIVE", product.Status);
        Assert.Equal("Shirts", product.ProductType);
        Assert.Equal([(642667041472713922L, 19.99m, (decimal?)24.99m, (int?)75), (757650484644203962L, 19.99m, 24.99m, 50)],
            product.Variants.Select(v => (v.ShopifyId, v.Price, v.CompareAtPrice, v.InventoryQuantity)));
    }

    [Fact]
    public void A_customer_body_becomes_a_profile_with_its_default_address()
    {
        var customer = RestRecords.Customer(Body("webhooks/customers-create.json"));

        Assert.Equal(706405506930370084L, customer.ShopifyId);
        Assert.Equal("Bob", customer.FirstName);
        Assert.Equal("Biller", customer.LastName);
        Assert.Equal("Bob Biller", customer.DisplayName);
        Assert.Equal("bob@biller.com", customer.Email);
        Assert.Null(customer.Phone);
        Assert.Equal("Ottawa", customer.City);
        Assert.Equal("ON", customer.Province);
        Assert.Equal("CA", customer.Country);
        Assert.Equal("CA", customer.CountryCode);
        Assert.Equal(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), customer.UpdatedAt);
    }

    [Fact]
    public void A_customer_without_a_name_is_shown_by_email_then_by_phone_as_Shopify_does()
    {
        var body = With(With(Body("webhooks/customers-create.json"), "first_name", null), "last_name", null);

        Assert.Equal("bob@biller.com", RestRecords.Customer(body).DisplayName);
        Assert.Equal("+16135550199", RestRecords.Customer(With(With(body, "email", null), "phone", "+16135550199")).DisplayName);
    }

    [Fact]
    public void Deletes_carry_their_id_and_shop_update_its_currency_and_time_zone()
    {
        Assert.Equal(820982911946154508L, RestRecords.DeletedId(Body("webhooks/orders-delete.json")));
        Assert.Equal(788032119674292922L, RestRecords.DeletedId(Body("webhooks/products-delete.json")));
        Assert.Equal(706405506930370084L, RestRecords.DeletedId(Body("webhooks/customers-delete.json")));

        // The sample has no IANA zone: the stored one must be kept, not replaced by its "(GMT-05:00) ..." label.
        Assert.Equal(new ShopDetailsChange("USD", null), RestRecords.ShopDetails(Body("webhooks/shop-update.json")));
        Assert.Equal(new ShopDetailsChange("EUR", "Europe/Berlin"),
            RestRecords.ShopDetails(With(With(Body("webhooks/shop-update.json"), "currency", "eur"), "iana_timezone", "Europe/Berlin")));
    }

    [Theory]
    [InlineData("id", "\"12.5\"", "id is not a positive 64-bit integer id")]
    [InlineData("id", "9223372036854775808", "id is not a positive 64-bit integer id")]
    [InlineData("id", "1e3", "id is not a positive 64-bit integer id")]
    [InlineData("updated_at", "\"yesterday\"", "updated_at is not an ISO 8601 time")]
    [InlineData("total_price_set", "null", "total_price is missing")]
    [InlineData("current_total_price_set", "{\"shop_money\": {\"amount\": \"1,000.00\"}}", "current_total_price_set.shop_money.amount is not a decimal amount")]
    [InlineData("line_items", "{}", "line_items is not a list")]
    public void An_order_body_with_a_field_of_the_wrong_kind_is_refused_with_the_field_named(string field, string json, string problem)
    {
        var body = Body("webhooks/orders-create.json");
        if (field is "total_price_set")
        {
            body = With(body, "total_price", null);
        }

        var refused = Assert.Throws<UnusablePayloadException>(() => RestRecords.Order(WithJson(body, field, json)));

        Assert.Equal(problem, refused.Message);
    }

    private static JsonElement Body(string fixture) => JsonDocument.Parse(ShopifyFixtures.Read(fixture)).RootElement;

    private static JsonElement With(JsonElement body, string field, string? value) => WithJson(body, field, JsonSerializer.Serialize(value));

    private static JsonElement WithJson(JsonElement body, string field, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        return JsonDocument.Parse(node.ToJsonString()).RootElement;
    }
}
