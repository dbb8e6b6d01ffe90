using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// One thing a merchant did that a topic reports, with its body as it was when it happened: a retry sends this body
/// again, however the record changed since (https://shopify.dev/changelog/updates-to-webhook-retry-mechanism).
/// </summary>
/// <param name="Topic">The <c>X-Shopify-Topic</c> value, such as <c>orders/create</c>.</param>
/// <param name="Payload">The body, whole.</param>
/// <param name="EventId">
/// <c>X-Shopify-Event-Id</c>: shared by every delivery of this message, whichever subscription it goes to
/// (https://shopify.dev/docs/api/webhooks, "Headers").
/// </param>
/// <param name="TriggeredAt">When the merchant's action happened: <c>X-Shopify-Triggered-At</c>.</param>
internal sealed record WebhookMessage(string Topic, JsonObject Payload, string EventId, DateTimeOffset TriggeredAt)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WebhookMessage Of(string topic, JsonObject payload, DateTimeOffset triggeredAt) =>
        new(topic, payload, Guid.NewGuid().ToString(), triggeredAt);

    /// <summary>
    /// The raw body: the whole payload, or only its top-level fields named in <paramref name="includeFields"/>
    /// (https://shopify.dev/docs/apps/build/webhooks/customize/modify_payloads).
    /// </summary>
    public byte[] Body(IReadOnlyList<string>? includeFields)
    {
        if (includeFields is null or { Count: 0 })
        {
            return JsonSerializer.SerializeToUtf8Bytes(Payload, Json);
        }

        var included = new JsonObject();
        foreach (var (name, value) in Payload.Where(field => includeFields.Contains(field.Key)))
        {
            included[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(included, Json);
    }

    /// <summary><c>X-Shopify-Triggered-At</c>, written as the reference's example writes it: <c>2025-07-10T16:15:47.000000Z</c>.</summary>
    public string TriggeredAtHeader => TriggeredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// One message on its way to one address. Its <see cref="WebhookId"/> (<c>X-Shopify-Webhook-Id</c>) stays the same on
/// every attempt and on a duplicate of it, which is what a receiver deduplicates on.
/// </summary>
/// <param name="Message">What is delivered.</param>
/// <param name="Uri">The address as it was when the message was triggered.</param>
/// <param name="ApiVersion">The version the body is serialised in: <c>X-Shopify-API-Version</c>.</param>
/// <param name="SubscriptionId">The subscription it goes to; null for a compliance topic, which has none.</param>
/// <param name="Body">The raw bytes that are sent and signed.</param>
internal sealed record WebhookDelivery(WebhookMessage Message, string Uri, string ApiVersion, long? SubscriptionId, byte[] Body)
{
    public string WebhookId { get; } = Guid.NewGuid().ToString();
}
