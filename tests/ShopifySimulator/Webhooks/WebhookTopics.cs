using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// The values of WebhookSubscriptionTopic (https://shopify.dev/docs/api/admin-graphql/2025-10/enums/WebhookSubscriptionTopic)
/// that the simulator delivers; the enum it serves holds these only, so a subscription to any other topic is refused
/// rather than accepted and never delivered.
/// </summary>
internal enum WebhookTopic
{
    AppUninstalled,
    CustomersCreate,
    CustomersDelete,
    CustomersUpdate,
    OrdersCancelled,
    OrdersCreate,
    OrdersDelete,
    OrdersUpdated,
    ProductsCreate,
    ProductsDelete,
    ProductsUpdate,
    ShopUpdate,
}

/// <summary>
/// The mandatory compliance topics (https://shopify.dev/docs/apps/build/privacy-law-compliance): not values of
/// WebhookSubscriptionTopic, since an app subscribes to them in its configuration, not through the Admin API.
/// </summary>
internal static class ComplianceTopics
{
    public const string CustomersDataRequest = "customers/data_request";
    public const string CustomersRedact = "customers/redact";
    public const string ShopRedact = "shop/redact";

    public static readonly IReadOnlyList<string> All = [CustomersDataRequest, CustomersRedact, ShopRedact];
}

internal static class WebhookTopics
{
    /// <summary>The name in <c>X-Shopify-Topic</c>, such as <c>orders/create</c>.</summary>
    public static string HeaderName(this WebhookTopic topic) => topic switch
    {
        WebhookTopic.AppUninstalled => "app/uninstalled",
        WebhookTopic.CustomersCreate => "customers/create",
        WebhookTopic.CustomersDelete => "customers/delete",
        WebhookTopic.CustomersUpdate => "customers/update",
        WebhookTopic.OrdersCancelled => "orders/cancelled",
        WebhookTopic.OrdersCreate => "orders/create",
        WebhookTopic.OrdersDelete => "orders/delete",
        WebhookTopic.OrdersUpdated => "orders/updated",
        WebhookTopic.ProductsCreate => "products/create",
        WebhookTopic.ProductsDelete => "products/delete",
        WebhookTopic.ProductsUpdate => "products/update",
        _ => "shop/update",
    };

    /// <summary>
    /// The access scope a subscription to the topic needs (https://shopify.dev/docs/api/webhooks, "Required access" of
    /// each topic); null: none. app/uninstalled and shop/update need none.
    /// </summary>
    public static string? RequiredScope(this WebhookTopic topic) => topic switch
    {
        WebhookTopic.CustomersCreate or WebhookTopic.CustomersDelete or WebhookTopic.CustomersUpdate => GrantedScopes.ReadCustomers,
        WebhookTopic.OrdersCancelled or WebhookTopic.OrdersCreate or WebhookTopic.OrdersDelete or WebhookTopic.OrdersUpdated => GrantedScopes.ReadOrders,
        WebhookTopic.ProductsCreate or WebhookTopic.ProductsDelete or WebhookTopic.ProductsUpdate => GrantedScopes.ReadProducts,
        _ => null,
    };
}
