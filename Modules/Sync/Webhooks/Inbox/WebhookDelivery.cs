using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Webhooks.Inbox;

/// <summary>
/// One webhook delivery as it was received, kept from before its 200 until well after it was applied: a later copy of
/// it (Shopify delivers at least once) finds it and is dropped.
/// </summary>
internal sealed class WebhookDelivery : ITenantOwned
{
    public Guid TenantId { get; init; }

    /// <summary>The order of arrival within the inbox.</summary>
    public long Id { get; init; }

    /// <summary><c>X-Shopify-Webhook-Id</c>: the same on every retry of a delivery.</summary>
    public required string WebhookId { get; init; }

    /// <summary><c>X-Shopify-Topic</c>, e.g. <c>orders/create</c>.</summary>
    public required string Topic { get; init; }

    /// <summary><c>X-Shopify-API-Version</c>: the version the body is serialised in.</summary>
    public string? ApiVersion { get; init; }

    /// <summary><c>X-Shopify-Triggered-At</c>: when the merchant's action happened.</summary>
    public DateTimeOffset? TriggeredAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// The body as received; null once the delivery is processed, so no customer data stays here. Text, not jsonb: the
    /// receiver has already checked it is one JSON object, the processor reads it back whole once, and parsing it into
    /// jsonb was the largest part of storing a delivery.
    /// </summary>
    public string? Payload { get; set; }

    /// <summary>When it was applied, or given up (then <see cref="Error"/> says why); null while pending.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>A failed attempt waits until then before the next one.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? Error { get; set; }
}
