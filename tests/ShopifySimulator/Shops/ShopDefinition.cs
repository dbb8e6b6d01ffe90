namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// What a shop is made of: the body of <c>POST /_sim/shops</c> and the <c>Simulator:DemoShop</c>
/// configuration section. Mutable setters because the configuration binder fills it.
/// </summary>
internal sealed class ShopDefinition
{
    /// <summary>Upper bound on generated records, so a typo cannot exhaust the machine's memory.</summary>
    public const int MaxRecordsPerResource = 5_000_000;

    public string Shop { get; set; } = string.Empty;
    public string AccessToken { get; set; } = string.Empty;
    public int Seed { get; set; } = 1;
    public int Products { get; set; } = 50;
    public int Customers { get; set; } = 100;
    public int Orders { get; set; } = 500;
    public string Currency { get; set; } = "USD";
    public string Timezone { get; set; } = "America/New_York";

    /// <summary>Null means Shopify's standard plan bucket (2000 points, 100 points/s).</summary>
    public ThrottleSettings? Throttle { get; set; }

    /// <summary>"Now" for the generator: orders span the two years before it. Null means the current time.</summary>
    public DateTimeOffset? ReferenceDate { get; set; }

    /// <summary>Access-scope handles granted to the token; null means <see cref="GrantedScopes.DefaultHandles"/>.</summary>
    public List<string>? Scopes { get; set; }

    /// <summary>How long after a change the search behind <c>query:</c> still sees a record's previous version.</summary>
    public int SearchIndexLagSeconds { get; set; }

    /// <summary>How many objects (JSONL lines) a bulk operation writes a second.</summary>
    public int BulkExportObjectsPerSecond { get; set; } = ServingSettings.DefaultBulkExportObjectsPerSecond;

    /// <summary>How long the URL of a finished bulk operation is served.</summary>
    public int BulkResultUrlTtlSeconds { get; set; } = ServingSettings.DefaultBulkResultUrlTtlSeconds;

    /// <summary>The key webhooks are signed with; null means <see cref="WebhookSettings.DefaultSecret"/>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long a webhook delivery waits for its answer.</summary>
    public int WebhookTimeoutMs { get; set; } = WebhookSettings.DefaultTimeoutMs;

    /// <summary>The wait before a failed delivery's first retry, doubling with each further one.</summary>
    public int WebhookRetryBaseDelayMs { get; set; } = WebhookSettings.DefaultRetryBaseDelayMs;

    /// <summary>Retries of a failed delivery, at most Shopify's 8.</summary>
    public int WebhookMaxRetries { get; set; } = WebhookSettings.ShopifyRetries;

    /// <summary>Where the mandatory compliance topics are delivered; null: nowhere.</summary>
    public string? ComplianceWebhookUri { get; set; }

    public List<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Shop) || Shop.Contains('/', StringComparison.Ordinal))
        {
            problems.Add("shop must be a shop domain such as my-shop.myshopify.com.");
        }

        if (string.IsNullOrEmpty(AccessToken))
        {
            problems.Add("accessToken is required.");
        }

        foreach (var (name, count) in new[] { ("products", Products), ("customers", Customers), ("orders", Orders) })
        {
            if (count is < 0 or > MaxRecordsPerResource)
            {
                problems.Add($"{name} must be between 0 and {MaxRecordsPerResource}.");
            }
        }

        if (Orders > 0 && Products == 0)
        {
            problems.Add("orders need at least one product to put in their line items.");
        }

        if (!CurrencyCodes.All.Contains(Currency))
        {
            problems.Add($"currency '{Currency}' is not a Shopify CurrencyCode.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Timezone, out _))
        {
            problems.Add($"timezone '{Timezone}' is not a known IANA time zone.");
        }

        problems.AddRange(GrantedScopes.Problems(Scopes ?? []));
        problems.AddRange(ToServing().Problems());

        if (Throttle is { Enabled: true } throttle && (throttle.MaximumAvailable <= 0 || throttle.RestoreRate <= 0))
        {
            problems.Add("throttle.maximumAvailable and throttle.restoreRate must be positive.");
        }

        return problems;
    }

    public ServingSettings ToServing() => new(
        SearchIndexLagSeconds,
        BulkExportObjectsPerSecond,
        BulkResultUrlTtlSeconds,
        new WebhookSettings(
            WebhookSecret ?? WebhookSettings.DefaultSecret(Shop), WebhookTimeoutMs, WebhookRetryBaseDelayMs, WebhookMaxRetries, ComplianceWebhookUri));
}

/// <summary>The leaky bucket of a shop. Shopify Plus is 20000 / 1000.</summary>
internal sealed class ThrottleSettings
{
    public static ThrottleSettings Standard => new();

    public double MaximumAvailable { get; set; } = 2000;
    public double RestoreRate { get; set; } = 100;

    /// <summary>False turns throttling off; the cost block is still reported.</summary>
    public bool Enabled { get; set; } = true;
}
