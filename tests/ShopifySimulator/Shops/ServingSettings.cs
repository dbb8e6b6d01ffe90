using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// How a shop serves, changeable while it does (<c>PUT /_sim/shops/{shop}/settings</c>): replaced as a whole, so a
/// request sees one consistent set.
/// </summary>
/// <param name="SearchIndexLagSeconds">
/// How long after a change the search behind <c>query:</c> still sees a record's previous version; an event becomes
/// visible to <c>events</c> this long after it happened.
/// </param>
/// <param name="BulkExportObjectsPerSecond">How fast a bulk operation writes objects (JSONL lines).</param>
/// <param name="BulkResultUrlTtlSeconds">How long the URL of a finished bulk operation is served; Shopify's is 7 days.</param>
/// <param name="Webhooks">How webhooks are signed and delivered.</param>
internal sealed record ServingSettings(
    int SearchIndexLagSeconds, int BulkExportObjectsPerSecond, int BulkResultUrlTtlSeconds, WebhookSettings Webhooks)
{
    /// <summary>A day: longer lags would only hide records from tests that forgot they set one.</summary>
    public const int MaxSearchIndexLagSeconds = 86_400;

    public const int DefaultBulkExportObjectsPerSecond = 1_000;

    /// <summary>Enough for a million orders with their line items in a few seconds.</summary>
    public const int MaxBulkExportObjectsPerSecond = 100_000_000;

    /// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BulkOperation: "The URL expires 7 days after the operation completes".</summary>
    public const int DefaultBulkResultUrlTtlSeconds = 7 * 86_400;

    public const int MaxBulkResultUrlTtlSeconds = 30 * 86_400;

    public List<string> Problems() =>
    [
        .. Range("searchIndexLagSeconds", SearchIndexLagSeconds, 0, MaxSearchIndexLagSeconds),
        .. Range("bulkExportObjectsPerSecond", BulkExportObjectsPerSecond, 1, MaxBulkExportObjectsPerSecond),
        .. Range("bulkResultUrlTtlSeconds", BulkResultUrlTtlSeconds, 0, MaxBulkResultUrlTtlSeconds),
        .. Webhooks.Problems(),
    ];

    internal static IEnumerable<string> Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            yield return $"{name} must be between {min} and {max}.";
        }
    }
}

/// <summary>
/// How the shop's webhooks are signed and delivered. Shopify signs every delivery with the app's client secret
/// (a custom app's API secret key) and gives the endpoint 5 seconds to answer; it retries a failed delivery 8 times over
/// 4 hours with exponential back-off (https://shopify.dev/changelog/updates-to-webhook-retry-mechanism). The simulator
/// keeps the count and the doubling but starts from <see cref="RetryBaseDelayMs"/> (1 s rather than Shopify's minutes),
/// so that a test sees every retry within minutes.
/// </summary>
/// <param name="Secret">The key of <c>X-Shopify-Hmac-Sha256</c>.</param>
/// <param name="TimeoutMs">How long an attempt waits for the answer before it counts as failed.</param>
/// <param name="RetryBaseDelayMs">The wait before the first retry; each further retry waits twice the one before.</param>
/// <param name="MaxRetries">Retries after the first attempt; once they all fail the subscription is removed.</param>
/// <param name="ComplianceUri">
/// Where the mandatory compliance topics (customers/data_request, customers/redact, shop/redact) go: on Shopify they are
/// set in the app's configuration, not through <c>webhookSubscriptionCreate</c>. Null: nowhere.
/// </param>
internal sealed record WebhookSettings(string Secret, int TimeoutMs, int RetryBaseDelayMs, int MaxRetries, string? ComplianceUri)
{
    /// <summary>https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks: 5 seconds to answer.</summary>
    public const int DefaultTimeoutMs = 5_000;

    public const int DefaultRetryBaseDelayMs = 1_000;

    /// <summary>https://shopify.dev/changelog/updates-to-webhook-retry-mechanism: "retried a total of 8 times".</summary>
    public const int ShopifyRetries = 8;

    /// <summary>Shopify's secret for the shop when its definition names none: stable for a domain, so a restart keeps it.</summary>
    public static string DefaultSecret(string domain) => $"shpss_sim_{StableIds.Of(domain):x}";

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(Secret))
        {
            problems.Add("webhookSecret must not be empty: Shopify signs every delivery.");
        }

        problems.AddRange(ServingSettings.Range("webhookTimeoutMs", TimeoutMs, 1, 60_000));
        problems.AddRange(ServingSettings.Range("webhookRetryBaseDelayMs", RetryBaseDelayMs, 0, 3_600_000));
        problems.AddRange(ServingSettings.Range("webhookMaxRetries", MaxRetries, 0, ShopifyRetries));
        if (ComplianceUri is not null && !WebhookAddresses.IsDeliverable(ComplianceUri))
        {
            problems.Add("complianceWebhookUri must be an absolute https URL, or http on a loopback address.");
        }

        return problems;
    }
}
