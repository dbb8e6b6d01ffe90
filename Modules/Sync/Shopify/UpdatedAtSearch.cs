using System.Globalization;

namespace ShopIngest.Modules.Sync.Shopify;

/// <summary>Shopify's search syntax for a stretch of <c>updatedAt</c>, in UTC whole seconds (the search's resolution).</summary>
internal static class UpdatedAtSearch
{
    /// <summary><c>updated_at:&gt;=</c> from <paramref name="from"/> rounded down, so the boundary record is included, up to
    /// <paramref name="until"/> (excluded); null when neither bounds the walk.</summary>
    public static string? Between(DateTimeOffset? from, DateTimeOffset? until)
    {
        var terms = new List<string>(2);
        if (from is { } lower)
        {
            terms.Add(string.Create(CultureInfo.InvariantCulture, $"updated_at:>='{WholeSeconds(lower):yyyy-MM-dd'T'HH:mm:ss'Z'}'"));
        }

        if (until is { } upper)
        {
            terms.Add(string.Create(CultureInfo.InvariantCulture, $"updated_at:<'{WholeSeconds(upper):yyyy-MM-dd'T'HH:mm:ss'Z'}'"));
        }

        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    public static DateTimeOffset WholeSeconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
