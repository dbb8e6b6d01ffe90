using System.Globalization;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>Shopify GIDs (<c>gid://shopify/Order/123</c>) and the numeric ids our tables key on.</summary>
internal static class ShopifyGid
{
    /// <summary>
    /// The number a GID ends with (a query string after it ignored), or false when there is none: a missing or empty id,
    /// or one that does not end in digits that fit a bigint.
    /// </summary>
    public static bool TryNumeric(string? gid, out long id)
    {
        id = 0;
        if (string.IsNullOrEmpty(gid))
        {
            return false;
        }

        var digits = gid.AsSpan(gid.LastIndexOf('/') + 1);
        var query = digits.IndexOf('?');
        return long.TryParse(query < 0 ? digits : digits[..query], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The same, for a GID as the UTF-8 bytes of a JSON string without escapes: no string is made.</summary>
    public static bool TryNumeric(ReadOnlySpan<byte> utf8Gid, out long id)
    {
        var digits = utf8Gid[(utf8Gid.LastIndexOf((byte)'/') + 1)..];
        var query = digits.IndexOf((byte)'?');
        return long.TryParse(query < 0 ? digits : digits[..query], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
