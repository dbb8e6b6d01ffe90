namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>
/// The currencies customers of a multi-currency shop check out in, with a rough value of one unit in US dollars.
/// The rates only need to be plausible: what matters is that presentment amounts differ from shop amounts.
/// </summary>
internal static class PresentmentCurrencies
{
    private static readonly (string Code, double UsdValue)[] Currencies =
    [
        ("USD", 1.0), ("EUR", 1.08), ("GBP", 1.27), ("CAD", 0.73), ("AUD", 0.66), ("JPY", 0.0067), ("CHF", 1.12), ("SEK", 0.095),
    ];

    /// <summary>
    /// A currency other than the shop's and its rate (presentment units per shop unit), moved up to 2% either way
    /// by <paramref name="drift"/> as exchange rates move from day to day.
    /// </summary>
    /// <param name="shopCurrency">The shop's currency, never picked.</param>
    /// <param name="pick">A draw in [0, 1) choosing the currency.</param>
    /// <param name="drift">A draw in [0, 1).</param>
    public static (string Code, double Rate) Pick(string shopCurrency, double pick, double drift)
    {
        // Picked without allocating: this runs once per generated order.
        var shopIndex = Array.FindIndex(Currencies, c => c.Code == shopCurrency);
        var choice = (int)(pick * (Currencies.Length - (shopIndex < 0 ? 0 : 1)));
        var (code, usdValue) = Currencies[shopIndex >= 0 && choice >= shopIndex ? choice + 1 : choice];

        // A shop currency missing from the table is valued like the dollar: plausible enough for a simulator.
        var shopUsdValue = shopIndex < 0 ? 1.0 : Currencies[shopIndex].UsdValue;
        return (code, shopUsdValue / usdValue * (0.98 + (drift * 0.04)));
    }
}
