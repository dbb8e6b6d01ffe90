namespace ShopIngest.Modules.Sync.Webhooks.Topics;

/// <summary>
/// The topics ShopIngest applies, as <c>X-Shopify-Topic</c> names them, with their WebhookSubscriptionTopic values
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/enums/WebhookSubscriptionTopic). The compliance topics have no
/// such value: an app subscribes to them in its configuration (https://shopify.dev/docs/apps/build/privacy-law-compliance).
/// </summary>
internal static class ShopifyTopics
{
    public const string OrdersCreate = "orders/create";
    public const string OrdersUpdated = "orders/updated";
    public const string OrdersCancelled = "orders/cancelled";
    public const string OrdersDelete = "orders/delete";
    public const string ProductsCreate = "products/create";
    public const string ProductsUpdate = "products/update";
    public const string ProductsDelete = "products/delete";
    public const string CustomersCreate = "customers/create";
    public const string CustomersUpdate = "customers/update";
    public const string CustomersDelete = "customers/delete";
    public const string AppUninstalled = "app/uninstalled";
    public const string ShopUpdate = "shop/update";

    public const string CustomersDataRequest = "customers/data_request";
    public const string CustomersRedact = "customers/redact";
    public const string ShopRedact = "shop/redact";

    /// <summary>The topics a shop is subscribed to through the Admin API, each with its enum value.</summary>
    public static readonly IReadOnlyList<(string Name, string EnumValue)> Subscribed =
    [
        (OrdersCreate, "ORDERS_CREATE"),
        (OrdersUpdated, "ORDERS_UPDATED"),
        (OrdersCancelled, "ORDERS_CANCELLED"),
        (OrdersDelete, "ORDERS_DELETE"),
        (ProductsCreate, "PRODUCTS_CREATE"),
        (ProductsUpdate, "PRODUCTS_UPDATE"),
        (ProductsDelete, "PRODUCTS_DELETE"),
        (CustomersCreate, "CUSTOMERS_CREATE"),
        (CustomersUpdate, "CUSTOMERS_UPDATE"),
        (CustomersDelete, "CUSTOMERS_DELETE"),
        (AppUninstalled, "APP_UNINSTALLED"),
        (ShopUpdate, "SHOP_UPDATE"),
    ];
}
