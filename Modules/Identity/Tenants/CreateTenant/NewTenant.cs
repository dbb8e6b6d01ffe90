using System.Net.Mail;
using ShopIngest.Modules.Identity.Users;

namespace ShopIngest.Modules.Identity.Tenants.CreateTenant;

/// <summary>
/// What it takes to register a shop and its first user; <see cref="WebhookSecret"/> is the shop's own (a custom app's
/// API secret key), left out when the app-wide secret of a public app applies.
/// </summary>
internal sealed record NewTenant(string Email, string Password, string Shop, string AccessToken, string? Name, string? WebhookSecret = null)
{
    // A record prints every property; a password, an access token or a webhook secret must never reach a log line.
    public override string ToString() =>
        $"NewTenant {{ Email = {Email}, Password = [redacted], Shop = {Shop}, AccessToken = [redacted], Name = {Name}, WebhookSecret = {(WebhookSecret is null ? "" : "[redacted]")} }}";

    /// <summary>The first problem with this input, in one sentence, or null when it is fine.</summary>
    public string? Problem(bool allowAnyShopHost, out string shopDomain)
    {
        shopDomain = "";
        if (!MailAddress.TryCreate(Email?.Trim(), out var address) || address.Address != Email.Trim())
        {
            return $"'{Email}' is not a valid email address.";
        }

        if (Passwords.Problem(Password) is { } weak)
        {
            return weak;
        }

        if (!ShopDomain.TryNormalize(Shop, allowAnyShopHost, out shopDomain))
        {
            return allowAnyShopHost
                ? $"'{Shop}' is not a valid shop host name."
                : $"'{Shop}' is not a Shopify shop domain like your-shop.myshopify.com.";
        }

        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            return "The Shopify Admin API access token is missing.";
        }

        return WebhookSecret is not null && string.IsNullOrWhiteSpace(WebhookSecret) ? "The webhook secret is empty; leave it out to use the app-wide one." : null;
    }
}
