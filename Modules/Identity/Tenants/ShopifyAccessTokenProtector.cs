using Microsoft.AspNetCore.DataProtection;

namespace ShopIngest.Modules.Identity.Tenants;

/// <summary>
/// Keeps Shopify access tokens encrypted at rest. The key ring lives in PostgreSQL, so every Host replica
/// can decrypt what another encrypted.
/// </summary>
internal sealed class ShopifyAccessTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ShopIngest.Identity.ShopifyAccessToken.v1");

    public string Protect(string accessToken) => _protector.Protect(accessToken);

    public string Unprotect(string protectedAccessToken) => _protector.Unprotect(protectedAccessToken);
}
