namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>Values derived from a shop's domain that stay the same across runs (string.GetHashCode does not).</summary>
internal static class StableIds
{
    /// <summary>FNV-1a of the domain, case-insensitively.</summary>
    public static ulong Of(string domain)
    {
        var hash = 14_695_981_039_346_656_037UL;
        foreach (var c in domain.ToLowerInvariant())
        {
            hash = (hash ^ c) * 1_099_511_628_211UL;
        }

        return hash;
    }

    /// <summary>The shop's numeric id: eleven digits, as Shopify's are.</summary>
    public static long ShopId(string domain) => (long)(Of(domain) % 90_000_000_000UL) + 10_000_000_000L;
}
