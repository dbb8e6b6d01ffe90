using Microsoft.AspNetCore.DataProtection;

namespace ShopIngest.Modules.Identity.Tenants;

/// <summary>
/// Keeps a shop's Shopify secrets encrypted at rest: its Admin API access token and the secret its webhooks are signed
/// with, each under a purpose of its own. The key ring lives in PostgreSQL, so every Host replica can decrypt what
/// another encrypted.
/// </summary>
internal sealed class ShopSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _accessTokens = provider.CreateProtector("ShopIngest.Identity.ShopifyAccessToken.v1");
    private readonly IDataProtector _webhookSecrets = provider.CreateProtector("ShopIngest.Identity.ShopifyWebhookSecret.v1");

    public string ProtectAccessToken(string accessToken) => _accessTokens.Protect(accessToken);

    public string UnprotectAccessToken(string protectedAccessToken) => _accessTokens.Unprotect(protectedAccessToken);

    public string ProtectWebhookSecret(string webhookSecret) => _webhookSecrets.Protect(webhookSecret);

    public string UnprotectWebhookSecret(string protectedWebhookSecret) => _webhookSecrets.Unprotect(protectedWebhookSecret);
}
