namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>Record times are Unix seconds: Shopify's DateTime has whole seconds, and longs keep records small.</summary>
internal static class UnixTime
{
    public const long Day = 86_400;
    public const long Year = 365 * Day;

    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static DateTimeOffset ToDateTime(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>A time between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public static long Between(long from, long to, double uniform) =>
        to <= from ? from : from + (long)(uniform * (to - from + 1));
}
