using System.Globalization;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// Amounts are kept as whole hundredths (long) so sums are exact; on the wire they are decimal
/// strings formatted like Shopify's: at least one fractional digit, no trailing zeros ("10.0", "24.9", "24.99").
/// </summary>
internal static class Money
{
    public static decimal ToDecimal(long cents) => cents / 100m;

    public static string Format(long cents) =>
        ToDecimal(cents).ToString("0.0#", CultureInfo.InvariantCulture);
}

/// <summary>An amount in one currency, the source of a MoneyV2 and of a MoneyBag.</summary>
internal readonly record struct MoneyAmount(long Cents, string CurrencyCode);
