using System.Net.Mail;
using ShopIngest.Modules.Identity.Users;

namespace ShopIngest.Modules.Identity.Tenants.CreateTenant;

/// <summary>What it takes to register a shop and its first user.</summary>
internal sealed record NewTenant(string Email, string Password, string Shop, string AccessToken, string? Name)
{
    // A record prints every property; a password or an access token must never reach a log line.
    public override string ToString() => $"NewTenant {{ Email = {Email}, Password = [redacted], Shop = {Shop}, AccessToken = [redacted], Name = {Name} }}";

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

        return string.IsNullOrWhiteSpace(AccessToken) ? "The Shopify Admin API access token is missing." : null;
    }
}
