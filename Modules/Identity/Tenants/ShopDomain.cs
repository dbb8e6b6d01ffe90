using System.Text.RegularExpressions;

namespace ShopIngest.Modules.Identity.Tenants;

internal static partial class ShopDomain
{
    /// <summary>
    /// A real shop is <c>name.myshopify.com</c>. With <paramref name="allowAnyHost"/> (Shopify:AllowAnyShopHost, set when
    /// the Host talks to the simulator) other host names are accepted too, but never an IP address or a name of one
    /// label (<c>localhost</c>, <c>metadata</c>): the shop's domain becomes the host its access token is sent to.
    /// </summary>
    public static bool TryNormalize(string? input, bool allowAnyHost, out string domain)
    {
        domain = (input ?? "").Trim().ToLowerInvariant();
        if (domain.StartsWith("https://", StringComparison.Ordinal))
        {
            domain = domain["https://".Length..].TrimEnd('/');
        }

        return allowAnyHost
            ? HostName().IsMatch(domain) && domain.Contains('.', StringComparison.Ordinal) && !System.Net.IPAddress.TryParse(domain, out _)
            : MyShopifyDomain().IsMatch(domain);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,59}\.myshopify\.com$")]
    private static partial Regex MyShopifyDomain();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostName();
}
