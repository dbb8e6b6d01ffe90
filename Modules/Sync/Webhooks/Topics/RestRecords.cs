using System.Text.Json;
using ShopIngest.Modules.Catalog.Contracts;
using ShopIngest.Modules.Sales.Contracts;

namespace ShopIngest.Modules.Sync.Webhooks.Topics;

/// <summary>The shop's facts a shop/update body carries; null where the body has none.</summary>
internal sealed record ShopDetailsChange(string? Currency, string? IanaTimezone);

/// <summary>
/// Webhook bodies (REST-shaped, https://shopify.dev/docs/api/webhooks) as the same records the GraphQL sync writes,
/// field for field what the feeds take from the Admin GraphQL API: shop-money amounts, lower-case REST enums in the
/// GraphQL enums' upper case, ids as the numbers GIDs end with. What a record needs and the body lacks makes it
/// <see cref="UnusablePayloadException"/>.
/// </summary>
internal static class RestRecords
{
    /// <summary>orders/create, orders/updated, orders/cancelled: the Order resource.</summary>
    public static OrderRecord Order(JsonElement order)
    {
        var id = order.RequiredId("id");
        var total = order.RequiredShopMoney("total_price");
        var currentTotal = order.RequiredShopMoney("current_total_price");
        return new OrderRecord
        {
            ShopifyId = id,
            Name = order.RequiredString("name"),
            Email = order.OptionalString("email"),
            CustomerShopifyId = order.Field("customer").Field("id").OptionalId("customer.id"),
            CreatedAt = order.RequiredTime("created_at"),
            ProcessedAt = order.RequiredTime("processed_at"),
            UpdatedAt = order.RequiredTime("updated_at"),
            CancelledAt = order.OptionalTime("cancelled_at"),
            CancelReason = RestJson.AsGraphQLEnum(order.OptionalString("cancel_reason")),
            Test = order.OptionalBool("test"),
            DisplayFinancialStatus = RestJson.AsGraphQLEnum(order.OptionalString("financial_status")),
            DisplayFulfillmentStatus = FulfillmentStatus(order.OptionalString("fulfillment_status")),
            CurrencyCode = order.RequiredString("currency"),
            TotalPrice = total,
            SubtotalPrice = order.OptionalShopMoney("subtotal_price"),
            CurrentTotalPrice = currentTotal,
            // REST bodies list refunds as transactions in the currency paid in, not as a shop-money total; the current
            // total is the total after refunds and returns (https://shopify.dev/docs/api/admin-rest/latest/resources/order),
            // so the difference stands in until a sync brings totalRefundedSet.
            TotalRefunded = Math.Max(0m, total - currentTotal),
            PresentmentCurrencyCode = order.OptionalString("presentment_currency"),
            PresentmentCurrentTotalPrice = order.Field("current_total_price_set").Field("presentment_money").Field("amount")
                .OptionalAmount("current_total_price_set.presentment_money.amount"),
            LineItems = [.. order.Items("line_items").Select(LineItem)],
        };
    }

    /// <summary>products/create, products/update: the Product resource with its variants.</summary>
    public static ProductRecord Product(JsonElement product) => new()
    {
        ShopifyId = product.RequiredId("id"),
        Title = product.RequiredString("title"),
        Handle = product.RequiredString("handle"),
        Status = RestJson.AsGraphQLEnum(product.OptionalString("status")) ?? throw new UnusablePayloadException("status is missing"),
        Vendor = product.OptionalString("vendor"),
        ProductType = product.OptionalString("product_type"),
        Tags = product.Tags("tags"),
        CreatedAt = product.RequiredTime("created_at"),
        UpdatedAt = product.RequiredTime("updated_at"),
        Variants = [.. product.Items("variants").Select(variant => new VariantRecord
        {
            ShopifyId = variant.RequiredId("id"),
            Title = variant.OptionalString("title"),
            Sku = variant.OptionalString("sku"),
            Price = variant.Field("price").OptionalAmount("variants.price") ?? throw new UnusablePayloadException("variants.price is missing"),
            CompareAtPrice = variant.Field("compare_at_price").OptionalAmount("variants.compare_at_price"),
            InventoryQuantity = variant.OptionalInt("inventory_quantity"),
        })],
    };

    /// <summary>
    /// customers/create, customers/update: the Customer resource as 2025-01 and later send it, its address from
    /// <c>default_address</c>; the display name as Shopify makes it (names, else the email, else the phone).
    /// </summary>
    public static CustomerProfile Customer(JsonElement customer)
    {
        var firstName = customer.OptionalString("first_name");
        var lastName = customer.OptionalString("last_name");
        var email = customer.OptionalString("email");
        var phone = customer.OptionalString("phone");
        var address = customer.Field("default_address");
        var fullName = string.Join(' ', new[] { firstName, lastName }.Where(part => !string.IsNullOrWhiteSpace(part)));
        return new CustomerProfile
        {
            ShopifyId = customer.RequiredId("id"),
            FirstName = firstName,
            LastName = lastName,
            DisplayName = fullName.Length > 0 ? fullName : email ?? phone ?? "",
            Email = email,
            Phone = phone,
            City = address.OptionalString("city"),
            Province = address.OptionalString("province"),
            Country = address.OptionalString("country_name") ?? address.OptionalString("country"),
            CountryCode = address.OptionalString("country_code"),
            CreatedAt = customer.RequiredTime("created_at"),
            UpdatedAt = customer.RequiredTime("updated_at"),
        };
    }

    /// <summary>shop/update: the shop's currency and IANA time zone.</summary>
    public static ShopDetailsChange ShopDetails(JsonElement shop) =>
        new(shop.OptionalString("currency") is { Length: 3 } currency ? currency.ToUpperInvariant() : null, shop.OptionalString("iana_timezone"));

    /// <summary>orders/delete, products/delete, customers/delete: the id of what was deleted.</summary>
    public static long DeletedId(JsonElement deleted) => deleted.RequiredId("id");

    /// <summary>
    /// customers/data_request (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance): the customer, the
    /// orders Shopify lists (<c>orders_requested</c>) and the request's id.
    /// </summary>
    public static CustomerDataRequest DataRequest(JsonElement body, DateTimeOffset requestedAt)
    {
        var customer = body.Field("customer");
        return new CustomerDataRequest(
            CustomerId(customer), OrderIds(body, "orders_requested"), requestedAt,
            body.Field("data_request").Field("id").OptionalId("data_request.id"),
            customer.OptionalString("email"), customer.OptionalString("phone"));
    }

    /// <summary>customers/redact: the customer, with the email and phone it is known by, and <c>orders_to_redact</c>.</summary>
    public static CustomerRedaction Redaction(JsonElement body, DateTimeOffset requestedAt)
    {
        var customer = body.Field("customer");
        return new CustomerRedaction(
            CustomerId(customer), OrderIds(body, "orders_to_redact"), requestedAt, customer.OptionalString("email"), customer.OptionalString("phone"));
    }

    private static long CustomerId(JsonElement customer) =>
        customer.Field("id").OptionalId("customer.id") ?? throw new UnusablePayloadException("customer.id is missing");

    private static long[] OrderIds(JsonElement body, string name) =>
        [.. body.Items(name).Select(id => id.OptionalId(name) ?? throw new UnusablePayloadException($"{name} holds a null id"))];

    private static LineItemRecord LineItem(JsonElement item) => new()
    {
        ShopifyId = item.RequiredId("id"),
        Title = item.OptionalString("title") ?? item.RequiredString("name"),
        Quantity = item.OptionalInt("quantity") ?? throw new UnusablePayloadException("line_items.quantity is missing"),
        Sku = item.OptionalString("sku"),
        VariantShopifyId = item.Field("variant_id").OptionalId("line_items.variant_id"),
        ProductShopifyId = item.Field("product_id").OptionalId("line_items.product_id"),
        // price: "the price of the item before discounts", as GraphQL's originalUnitPriceSet.
        OriginalUnitPrice = item.RequiredShopMoney("price"),
    };

    /// <summary>
    /// REST's fulfillment_status (null until something ships, then fulfilled, partial or restocked) as GraphQL's
    /// OrderDisplayFulfillmentStatus.
    /// </summary>
    private static string FulfillmentStatus(string? rest) => rest switch
    {
        null => "UNFULFILLED",
        "partial" => "PARTIALLY_FULFILLED",
        _ => rest.ToUpperInvariant(),
    };
}
