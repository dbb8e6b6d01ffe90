using System.Text.RegularExpressions;

namespace ShopIngest.Modules.Identity.Tenants;

internal static partial class ShopDomain
{
    /// <summary>
    /// A real shop is <c>name.myshopify.com</c>. When Shopify is reached through another base URL (the
    /// simulator), any host name is accepted.
    /// </summary>
    public static bool TryNormalize(string? input, bool allowAnyHost, out string domain)
    {
        domain = (input ?? "").Trim().ToLowerInvariant();
        if (domain.StartsWith("https://", StringComparison.Ordinal))
        {
            domain = domain["https://".Length..].TrimEnd('/');
        }

        return allowAnyHost ? HostName().IsMatch(domain) : MyShopifyDomain().IsMatch(domain);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,59}\.myshopify\.com$")]
    private static partial Regex MyShopifyDomain();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();
}
