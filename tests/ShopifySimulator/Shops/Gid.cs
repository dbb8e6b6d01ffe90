using System.Globalization;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>Shopify global ids: <c>gid://shopify/Order/123</c>.</summary>
internal static class Gid
{
    private const string Prefix = "gid://shopify/";

    public static string For(string resource, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{resource}/{id}");

    public static bool TryParse(string? gid, out string resource, out long id)
    {
        resource = string.Empty;
        id = 0;
        if (gid is null || !gid.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = gid.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || !long.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return false;
        }

        resource = rest[..slash].ToString();
        return true;
    }

    /// <summary>The numeric id of a gid of the given resource, or null.</summary>
    public static long? ParseFor(string resource, string? gid) =>
        TryParse(gid, out var parsedResource, out var id) && parsedResource == resource ? id : null;
}
