namespace ShopIngest.Modules.Identity.Tenants;

/// <summary>A tenant is one Shopify shop.</summary>
internal sealed class Tenant
{
    public Guid Id { get; init; }

    /// <summary>The shop's myshopify domain, lowercase, e.g. <c>acme.myshopify.com</c>.</summary>
    public required string ShopDomain { get; init; }

    public required string Name { get; set; }

    /// <summary>The Admin API access token, encrypted with ASP.NET Core Data Protection; empty once the shop's data was erased.</summary>
    public required string ProtectedAccessToken { get; set; }

    /// <summary>When the access token was last replaced; null while it is the one the tenant was created with.</summary>
    public DateTimeOffset? AccessTokenReplacedAt { get; set; }

    /// <summary>
    /// The secret the shop's webhooks are signed with (a custom app's API secret key), encrypted with ASP.NET Core Data
    /// Protection; null when the app-wide secret of a public app applies.
    /// </summary>
    public string? ProtectedWebhookSecret { get; set; }

    /// <summary>
    /// When Shopify asked for the shop's data to be erased (shop/redact); its webhooks are ignored from then on, until a
    /// new access token (the app installed again) starts the shop afresh.
    /// </summary>
    public DateTimeOffset? ShopRedactedAt { get; set; }

    /// <summary>ISO 4217 shop currency; known after the first sync.</summary>
    public string? Currency { get; set; }

    /// <summary>IANA time zone of the shop; known after the first sync.</summary>
    public string? TimeZone { get; set; }

    public bool SyncEnabled { get; set; } = true;

    /// <summary>Set when Shopify refused the access token; syncing stops until the token is replaced.</summary>
    public DateTimeOffset? CredentialsRejectedAt { get; set; }

    public string? CredentialsError { get; set; }

    /// <summary>The access scopes Shopify reported for the token when they were last checked; null before the first check.</summary>
    public string[]? GrantedScopes { get; set; }

    public DateTimeOffset? ScopesCheckedAt { get; set; }

    /// <summary>Why Shopify cannot be synced for now (shop frozen, locked or gone); null when syncing is not paused.</summary>
    public string? SyncPausedReason { get; set; }

    /// <summary>The schedule leaves the shop alone until then; a manual sync may still try.</summary>
    public DateTimeOffset? SyncPausedUntil { get; set; }

    /// <summary>Pauses in a row without a successful sync between them; each one waits longer.</summary>
    public int ConsecutiveSyncPauses { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
