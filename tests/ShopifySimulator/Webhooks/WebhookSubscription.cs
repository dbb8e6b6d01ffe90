namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/WebhookSubscriptionFormat</summary>
internal enum WebhookSubscriptionFormat
{
    Json,
    Xml,
}

/// <summary>
/// A shop-specific subscription made through <c>webhookSubscriptionCreate</c>
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/WebhookSubscription). Immutable: changing one would
/// replace it. Its <see cref="ApiVersion"/> is the version of the request that created it, the one deliveries are
/// serialised in.
/// </summary>
internal sealed record WebhookSubscription(
    long Id,
    WebhookTopic Topic,
    string Uri,
    WebhookSubscriptionFormat Format,
    IReadOnlyList<string>? IncludeFields,
    IReadOnlyList<string> MetafieldNamespaces,
    string ApiVersion,
    DateTimeOffset CreatedAt)
{
    public string Gid => Shops.Gid.For("WebhookSubscription", Id);
}
