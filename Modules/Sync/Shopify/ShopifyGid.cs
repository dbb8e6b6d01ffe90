using System.Globalization;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>Shopify GIDs (<c>gid://shopify/Order/123</c>) and the numeric ids our tables key on.</summary>
internal static class ShopifyGid
{
    public static long Numeric(string gid)
    {
        var slash = gid.LastIndexOf('/');
        var digits = slash < 0 ? gid : gid[(slash + 1)..];
        var query = digits.IndexOf('?', StringComparison.Ordinal);
        return long.Parse(query < 0 ? digits : digits[..query], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public static long? NumericOrNull(NodeId? node) => node is null ? null : Numeric(node.Id);
}
