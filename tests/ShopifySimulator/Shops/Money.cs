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

    /// <summary>Converts hundredths at <paramref name="rate"/>, rounded to what <paramref name="currency"/> can hold.</summary>
    public static long Convert(long cents, double rate, string currency)
    {
        var exact = cents * rate;
        return CurrencyCodes.IsZeroDecimal(currency)
            ? (long)Math.Round(exact / 100, MidpointRounding.AwayFromZero) * 100
            : (long)Math.Round(exact, MidpointRounding.AwayFromZero);
    }
}

/// <summary>An amount in one currency, the source of a MoneyV2.</summary>
internal readonly record struct MoneyAmount(long Cents, string CurrencyCode);

/// <summary>
/// The source of a MoneyBag: an order amount in the shop's currency and in the currency the customer paid in
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/MoneyBag). Shop money is what the books and the
/// analytics use; presentment money differs when the customer checked out in another currency.
/// </summary>
internal readonly record struct MoneyBag(MoneyAmount ShopMoney, MoneyAmount PresentmentMoney)
{
    public static MoneyBag For(ShopSettings shop, in OrderRecord order, long cents)
    {
        var shopMoney = new MoneyAmount(cents, shop.Currency);
        return order.PresentmentCurrency is { } currency
            ? new MoneyBag(shopMoney, new MoneyAmount(Money.Convert(cents, order.PresentmentRate, currency), currency))
            : new MoneyBag(shopMoney, shopMoney);
    }
}
