using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Webhooks.Subscriptions;

// webhookSubscriptions, webhookSubscriptionCreate and webhookSubscriptionDelete as the 2025-10 reference declares them
// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/WebhookSubscription: id: ID!, topic:
// WebhookSubscriptionTopic!, uri: String!; the payloads' userErrors: [UserError!]!).

internal sealed class WebhookSubscriptionsData
{
    public ShopDetails Shop { get; set; } = null!;

    public Connection<WebhookSubscriptionNode> WebhookSubscriptions { get; set; } = null!;
}

internal sealed class WebhookSubscriptionNode
{
    public string Id { get; set; } = null!;

    public string Topic { get; set; } = null!;

    public string Uri { get; set; } = null!;
}

internal sealed class SubscriptionUserError
{
    public IReadOnlyList<string>? Field { get; set; }

    public string Message { get; set; } = "";
}

/// <summary>WebhookSubscriptionCreatePayload and WebhookSubscriptionDeletePayload, read as one shape.</summary>
internal sealed class SubscriptionChangePayload
{
    public WebhookSubscriptionNode? WebhookSubscription { get; set; }

    public string? DeletedWebhookSubscriptionId { get; set; }

    public IReadOnlyList<SubscriptionUserError> UserErrors { get; set; } = [];
}
