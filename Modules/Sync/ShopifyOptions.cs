using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Modules.Sync;

/// <summary>How ShopIngest reaches the Shopify Admin GraphQL API (section <c>Shopify</c>).</summary>
public sealed class ShopifyOptions
{
    public const string Section = "Shopify";

    /// <summary>The Admin API version every query is written against.</summary>
    [Required, RegularExpression(@"^\d{4}-\d{2}$")]
    public string ApiVersion { get; set; } = "2025-10";

    /// <summary>
    /// Where a shop's API lives; <c>{shop}</c> is replaced by the shop domain. Real shops use the default;
    /// the simulator is reached with e.g. <c>http://127.0.0.1:5099/shops/{shop}</c>.
    /// </summary>
    [Required]
    public string BaseUrlTemplate { get; set; } = "https://{shop}";

    /// <summary>
    /// Whether a shop may be registered under a host name other than <c>name.myshopify.com</c> (still never an IP
    /// address or a single-label name): for a deployment against the simulator. Off for real Shopify.
    /// </summary>
    public bool AllowAnyShopHost { get; set; }

    /// <summary>
    /// The secret webhooks are signed with when a shop has none of its own: a public app's client secret, the same for
    /// every shop it is installed on. A custom app's API secret differs per shop and is set on the shop instead
    /// (<c>create-tenant --webhook-secret</c>, the <c>updateShopWebhookSecret</c> mutation).
    /// </summary>
    public string? WebhookSecret { get; set; }
}
