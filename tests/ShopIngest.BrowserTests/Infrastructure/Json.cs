using System.Globalization;
using System.Text.Json;

namespace ShopIngest.BrowserTests.Infrastructure;

internal static class Json
{
    /// <summary>Decimal amounts arrive as JSON strings or numbers.</summary>
    public static decimal Decimal(this JsonElement element) => element.ValueKind == JsonValueKind.String
        ? decimal.Parse(element.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)
        : element.GetDecimal();

    public static decimal ParseDecimal(string? text) =>
        decimal.Parse(text ?? throw new InvalidOperationException("No value."), NumberStyles.Number, CultureInfo.InvariantCulture);
}
