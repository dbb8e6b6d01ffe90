using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Modules.Sync.Webhooks;

/// <summary>How ShopIngest receives Shopify's webhooks (section <c>Webhooks</c>).</summary>
internal sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>
    /// The Host's address as Shopify reaches it, e.g. <c>https://ingest.example.com</c>. When set, every shop is subscribed
    /// to the topics ShopIngest handles at <c>{PublicBaseUrl}/webhooks/shopify</c> (on registration, and by the
    /// <c>registerWebhooks</c> mutation); unset, no subscription is made and polling alone keeps the data. Deliveries are
    /// received either way, from subscriptions made elsewhere (a public app's configuration).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Whether a shop is subscribed as soon as it is registered (when <see cref="PublicBaseUrl"/> is set); off, only the
    /// <c>registerWebhooks</c> mutation subscribes it.
    /// </summary>
    public bool SubscribeNewShops { get; set; } = true;

    /// <summary>
    /// Whether <see cref="PublicBaseUrl"/> may be plain http: for a Host reached by the Shopify simulator, or in
    /// development. Shopify itself delivers to https addresses only.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// The largest delivery accepted, in bytes (413 beyond). Far above the Host's limit for other requests: an order with
    /// hundreds of line items, each with its tax lines and discount allocations, runs to hundreds of kilobytes.
    /// </summary>
    [Range(64 * 1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Deliveries of one tenant applied in one transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Shops whose deliveries a replica applies side by side. One leaves most of the cores to the receiver, whose answers
    /// Shopify times and whose latency matters more than how soon a delivery is applied; more drain a backlog of many
    /// shops sooner on a machine with cores to spare.
    /// </summary>
    [Range(1, 64)]
    public int ShopsAppliedAtOnce { get; set; } = 1;

    /// <summary>
    /// How long the processor lets deliveries gather after it is woken, and between passes while they keep coming, before
    /// it applies them. A transaction costs about as much for one delivery as for dozens, so under a steady stream a short
    /// wait applies each shop's deliveries many at a time, at the price of that much delay before the dashboard shows
    /// them. Zero applies each at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How often the processor looks for deliveries it was not woken for: those another replica received while this one
    /// was idle, and failed ones due for another attempt.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts at a delivery whose batch failed (the database was away, say) before it is given up.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long an applied delivery is kept, so that a late copy of it (Shopify retries for up to two days) is still
    /// recognised and dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "2.00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where subscriptions deliver: <see cref="PublicBaseUrl"/> with the receiver's path; null when no address is set.</summary>
    public string? CallbackUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.TrimEnd('/') + Receive.WebhookEndpoint.Path;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
        {
            yield break;
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            yield return new ValidationResult(
                $"Webhooks:PublicBaseUrl '{PublicBaseUrl}' is not an absolute https URL without query or fragment, such as https://ingest.example.com.",
                [nameof(PublicBaseUrl)]);
        }
        else if (uri.Scheme == "http" && !AllowHttp)
        {
            yield return new ValidationResult(
                $"Webhooks:PublicBaseUrl '{PublicBaseUrl}' is plain http: Shopify delivers webhooks to https addresses only (set Webhooks:AllowHttp for the simulator or development).",
                [nameof(PublicBaseUrl)]);
        }
    }
}
