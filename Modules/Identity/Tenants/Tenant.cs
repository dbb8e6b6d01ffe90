namespace ShopIngest.Modules.Identity.Tenants;

/// <summary>A tenant is one Shopify shop.</summary>
internal sealed class Tenant
{
    public Guid Id { get; init; }

    /// <summary>The shop's myshopify domain, lowercase, e.g. <c>acme.myshopify.com</c>.</summary>
    public required string ShopDomain { get; init; }

    public required string Name { get; set; }

    /// <summary>The Admin API access token, encrypted with ASP.NET Core Data Protection.</summary>
    public required string ProtectedAccessToken { get; set; }

    /// <summary>ISO 4217 shop currency; known after the first sync.</summary>
    public string? Currency { get; set; }

    /// <summary>IANA time zone of the shop; known after the first sync.</summary>
    public string? TimeZone { get; set; }

    public bool SyncEnabled { get; set; } = true;

    /// <summary>Set when Shopify refused the access token; syncing stops until the token is replaced.</summary>
    public DateTimeOffset? CredentialsRejectedAt { get; set; }

    public string? CredentialsError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
