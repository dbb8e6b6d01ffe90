using System.Globalization;
using System.Text.Json.Nodes;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// The REST-shaped bodies of webhooks, as the topics' sample payloads show them (https://shopify.dev/docs/api/webhooks,
/// hand-copied in tests/ShopifyFixtures/webhooks): snake_case, numeric ids with the GID beside them in
/// <c>admin_graphql_api_id</c>, money as strings with two decimals ("404.95", "0.00") and in
/// <c>{shop_money, presentment_money}</c> sets, times with the shop's UTC offset ("2021-12-31T19:00:00-05:00"), enum
/// values in lower case ("partially_refunded"), tags as one comma-separated string. Each body carries a subset of the
/// documented fields, those the simulator's records hold; it never carries a field the sample does not.
/// </summary>
internal static class RestPayloads
{
    public static JsonObject Order(ShopData shop, int index)
    {
        ref var order = ref shop.Orders[index];
        var node = new OrderNode(shop, index);
        var customer = order.CustomerIndex >= 0 && !shop.Customers[order.CustomerIndex].Deleted
            ? CustomerObject(shop, order.CustomerIndex, withAddresses: false)
            : null;
        var email = OrderGraphType.EmailOf(node);
        var lineItems = new JsonArray();
        for (var line = order.FirstLineItem; line < order.FirstLineItem + order.LineItemCount; line++)
        {
            lineItems.Add(LineItem(new LineItemNode(node, line)));
        }

        return new JsonObject
        {
            ["id"] = order.Id,
            ["admin_graphql_api_id"] = Gid.For("Order", order.Id),
            ["buyer_accepts_marketing"] = false,
            ["cancel_reason"] = order.IsCancelled ? Lower(order.CancelReason) : null,
            ["cancelled_at"] = order.IsCancelled ? Time(shop, order.CancelledAt) : null,
            ["closed_at"] = null,
            ["confirmed"] = true,
            ["contact_email"] = email,
            ["created_at"] = Time(shop, order.CreatedAt),
            ["currency"] = shop.Settings.Currency,
            ["current_total_price"] = Amount(order.CurrentTotalCents),
            ["current_total_price_set"] = MoneySet(node.Money(order.CurrentTotalCents)),
            ["email"] = email,
            ["financial_status"] = Snake(order.FinancialStatus.ToString()),
            ["fulfillment_status"] = FulfillmentStatus(order.FulfillmentStatus),
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"#{order.Number}"),
            ["note"] = null,
            ["note_attributes"] = new JsonArray(),
            ["number"] = order.Number - 1000,
            ["order_number"] = order.Number,
            ["presentment_currency"] = order.PresentmentCurrency ?? shop.Settings.Currency,
            ["processed_at"] = Time(shop, order.ProcessedAt),
            ["source_name"] = "web",
            ["subtotal_price"] = order.SubtotalUnknown ? null : Amount(order.SubtotalCents),
            ["subtotal_price_set"] = order.SubtotalUnknown ? null : MoneySet(node.Money(order.SubtotalCents)),
            ["tags"] = string.Empty,
            ["test"] = order.Test,
            ["total_price"] = Amount(order.TotalCents),
            ["total_price_set"] = MoneySet(node.Money(order.TotalCents)),
            ["updated_at"] = Time(shop, order.UpdatedAt),
            ["customer"] = customer,
            ["line_items"] = lineItems,
        };
    }

    public static JsonObject Customer(ShopData shop, int index) => CustomerObject(shop, index, withAddresses: true);

    public static JsonObject Product(ShopData shop, int index)
    {
        ref var product = ref shop.Products[index];
        var variants = new JsonArray();
        var variantGids = new JsonArray();
        for (var v = 0; v < product.VariantCount; v++)
        {
            ref var variant = ref shop.Variant(product.FirstVariant + v);
            variants.Add(new JsonObject
            {
                ["admin_graphql_api_id"] = Gid.For("ProductVariant", variant.Id),
                ["barcode"] = null,
                ["compare_at_price"] = null,
                ["created_at"] = Time(shop, product.CreatedAt),
                ["id"] = variant.Id,
                ["inventory_policy"] = "deny",
                ["position"] = v + 1,
                ["price"] = Amount(variant.PriceCents),
                ["product_id"] = product.Id,
                ["sku"] = variant.Sku,
                ["taxable"] = true,
                ["title"] = variant.Title,
                ["updated_at"] = Time(shop, product.UpdatedAt),
                ["option1"] = variant.Title,
                ["option2"] = null,
                ["option3"] = null,
                ["image_id"] = null,
                ["inventory_item_id"] = null,
                ["inventory_quantity"] = variant.InventoryQuantity,
                ["old_inventory_quantity"] = variant.InventoryQuantity,
            });
            variantGids.Add(new JsonObject
            {
                ["admin_graphql_api_id"] = Gid.For("ProductVariant", variant.Id),
                ["updated_at"] = UnixTime.ToDateTime(product.UpdatedAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            });
        }

        var active = product.Status == ProductStatus.Active;
        return new JsonObject
        {
            ["admin_graphql_api_id"] = Gid.For("Product", product.Id),
            ["body_html"] = null,
            ["created_at"] = Time(shop, product.CreatedAt),
            ["handle"] = product.Handle,
            ["id"] = product.Id,
            ["product_type"] = product.ProductType,
            ["published_at"] = active ? Time(shop, product.CreatedAt) : null,
            ["template_suffix"] = null,
            ["title"] = product.Title,
            ["updated_at"] = Time(shop, product.UpdatedAt),
            ["vendor"] = product.Vendor,
            ["status"] = Lower(product.Status),
            ["published_scope"] = "web",
            ["tags"] = string.Join(", ", product.Tags),
            ["variants"] = variants,
            ["options"] = new JsonArray(),
            ["images"] = new JsonArray(),
            ["image"] = null,
            ["media"] = new JsonArray(),
            ["variant_gids"] = variantGids,
            ["has_variants_that_requires_components"] = false,
            ["category"] = null,
        };
    }

    /// <summary>orders/delete and products/delete carry the id alone.</summary>
    public static JsonObject Deleted(long id) => new() { ["id"] = id };

    /// <summary>customers/delete carries the id, the GID and an empty tax_exemptions.</summary>
    public static JsonObject DeletedCustomer(long id) => new()
    {
        ["id"] = id,
        ["tax_exemptions"] = new JsonArray(),
        ["admin_graphql_api_id"] = Gid.For("Customer", id),
    };

    /// <summary>The shop, as app/uninstalled and shop/update carry it.</summary>
    public static JsonObject Shop(SimulatedShop shop)
    {
        var settings = shop.Data.Settings;
        var zone = settings.TimeZone;
        var offset = zone.GetUtcOffset(DateTimeOffset.UtcNow);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return new JsonObject
        {
            ["id"] = settings.NumericId,
            ["name"] = ShopGraphType.DisplayName(shop.Domain),
            ["email"] = "owner@" + shop.Domain,
            ["domain"] = shop.Domain,
            ["country"] = "US",
            ["primary_locale"] = "en",
            ["created_at"] = null,
            ["updated_at"] = Time(shop.Data, shop.Data.LatestTimestamp),
            ["country_code"] = "US",
            ["country_name"] = "United States",
            ["currency"] = settings.Currency,
            ["customer_email"] = "owner@" + shop.Domain,
            ["timezone"] = $"(GMT{sign}{offset.Duration():hh\\:mm}) {zone.Id}",
            ["iana_timezone"] = zone.Id,
            ["shop_owner"] = ShopGraphType.DisplayName(shop.Domain),
            ["weight_unit"] = "kg",
            ["plan_display_name"] = ShopPlanGraphType.IsPlus(shop.Throttle) ? "Shopify Plus" : "Basic",
            ["plan_name"] = ShopPlanGraphType.IsPlus(shop.Throttle) ? "enterprise" : "basic",
            ["myshopify_domain"] = shop.Domain,
            ["enabled_presentment_currencies"] = new JsonArray(settings.Currency),
        };
    }

    private static JsonObject CustomerObject(ShopData shop, int index, bool withAddresses)
    {
        ref var customer = ref shop.Customers[index];
        var address = customer.HasAddress ? DefaultAddress(in customer) : null;
        var body = new JsonObject
        {
            ["id"] = customer.Id,
            ["created_at"] = Time(shop, customer.CreatedAt),
            ["updated_at"] = Time(shop, customer.UpdatedAt),
            ["first_name"] = customer.FirstName,
            ["last_name"] = customer.LastName,
            ["state"] = "enabled",
            ["note"] = null,
            ["verified_email"] = customer.Email is not null,
            ["multipass_identifier"] = null,
            ["tax_exempt"] = false,
            ["email"] = customer.Email,
            ["phone"] = customer.Phone,
            ["currency"] = shop.Settings.Currency,
        };
        if (withAddresses)
        {
            body["addresses"] = address is null ? new JsonArray() : new JsonArray(address.DeepClone());
        }

        body["tax_exemptions"] = new JsonArray();
        body["admin_graphql_api_id"] = Gid.For("Customer", customer.Id);
        body["default_address"] = address;
        return body;
    }

    private static JsonObject DefaultAddress(in CustomerRecord customer) => new()
    {
        // The simulator keeps one address a customer; its id is made from the customer's, which is unique.
        ["id"] = customer.Id + 1_000_000_000_000_000,
        ["customer_id"] = customer.Id,
        ["first_name"] = customer.FirstName,
        ["last_name"] = customer.LastName,
        ["company"] = null,
        ["address1"] = null,
        ["address2"] = null,
        ["city"] = customer.City,
        ["province"] = customer.Province,
        ["country"] = customer.Country,
        ["zip"] = null,
        ["phone"] = customer.Phone,
        ["name"] = $"{customer.FirstName} {customer.LastName}",
        ["province_code"] = null,
        ["country_code"] = customer.CountryCode,
        ["country_name"] = customer.Country,
        ["default"] = true,
    };

    private static JsonObject LineItem(LineItemNode line)
    {
        ref var record = ref line.Record;
        var exists = !line.Product.Deleted;
        var variantTitle = line.Variant.Title == "Default Title" ? null : line.Variant.Title;
        return new JsonObject
        {
            ["id"] = record.Id,
            ["admin_graphql_api_id"] = Gid.For("LineItem", record.Id),
            ["current_quantity"] = record.Quantity,
            ["fulfillable_quantity"] = record.Quantity,
            ["fulfillment_service"] = "manual",
            ["fulfillment_status"] = null,
            ["gift_card"] = false,
            ["grams"] = 0,
            ["name"] = variantTitle is null ? line.Product.Title : $"{line.Product.Title} - {variantTitle}",
            ["price"] = Amount(record.UnitPriceCents),
            ["price_set"] = MoneySet(line.Order.Money(record.UnitPriceCents)),
            ["product_exists"] = exists,
            ["product_id"] = exists ? line.Product.Id : null,
            ["properties"] = new JsonArray(),
            ["quantity"] = record.Quantity,
            ["requires_shipping"] = true,
            ["sku"] = line.Variant.Sku,
            ["taxable"] = true,
            ["title"] = line.Product.Title,
            ["total_discount"] = Amount(0),
            ["total_discount_set"] = MoneySet(line.Order.Money(0)),
            ["variant_id"] = exists ? line.Variant.Id : null,
            ["variant_inventory_management"] = null,
            ["variant_title"] = variantTitle,
            ["vendor"] = exists ? line.Product.Vendor : null,
            ["tax_lines"] = new JsonArray(),
            ["duties"] = new JsonArray(),
            ["discount_allocations"] = new JsonArray(),
        };
    }

    private static JsonObject MoneySet(MoneyBag bag) => new()
    {
        ["shop_money"] = Money(bag.ShopMoney),
        ["presentment_money"] = Money(bag.PresentmentMoney),
    };

    private static JsonObject Money(MoneyAmount amount) => new()
    {
        ["amount"] = Amount(amount.Cents),
        ["currency_code"] = amount.CurrencyCode,
    };

    /// <summary>REST money: two decimals always, "10.00", unlike GraphQL's "10.0".</summary>
    private static string Amount(long cents) => Shops.Money.ToDecimal(cents).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A time with the shop's UTC offset at that moment, as REST bodies write it.</summary>
    private static string Time(ShopData shop, long seconds)
    {
        var instant = UnixTime.ToDateTime(seconds);
        return instant.ToOffset(shop.Settings.TimeZone.GetUtcOffset(instant)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static string? FulfillmentStatus(OrderDisplayFulfillmentStatus status) => status switch
    {
        OrderDisplayFulfillmentStatus.Fulfilled => "fulfilled",
        OrderDisplayFulfillmentStatus.PartiallyFulfilled => "partial",
        OrderDisplayFulfillmentStatus.Restocked => "restocked",
        _ => null,
    };

    private static string Lower<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>PartiallyRefunded -> partially_refunded.</summary>
    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
