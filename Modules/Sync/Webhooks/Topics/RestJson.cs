using System.Globalization;
using System.Text.Json;

namespace ShopIngest.Modules.Sync.Webhooks.Topics;

/// <summary>A webhook body that lacks what ShopIngest needs from it, or carries a value of the wrong kind.</summary>
internal sealed class UnusablePayloadException(string message) : Exception(message);

/// <summary>
/// Reading Shopify's REST-shaped webhook bodies (https://shopify.dev/docs/api/webhooks): numeric ids that may pass
/// 2^53 (read as 64-bit integers, never through a double), money as strings ("10.00"), times with the shop's UTC offset.
/// A field that is absent reads as JSON null.
/// </summary>
internal static class RestJson
{
    public static JsonElement Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static bool IsNull(this JsonElement element) => element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static long RequiredId(this JsonElement element, string name) =>
        element.Field(name).OptionalId(name) ?? throw Missing(name);

    /// <summary>A numeric id, written as a JSON integer (or, by some senders, as a string of digits).</summary>
    public static long? OptionalId(this JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var id) && id > 0 => id,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 => id,
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => throw Unusable(name, "is not a positive 64-bit integer id"),
    };

    public static string? OptionalString(this JsonElement element, string name)
    {
        var value = element.Field(name);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw Unusable(name, "is not a string"),
        };
    }

    public static string RequiredString(this JsonElement element, string name) =>
        element.OptionalString(name) is { Length: > 0 } value ? value : throw Missing(name);

    public static bool OptionalBool(this JsonElement element, string name)
    {
        var value = element.Field(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Undefined or JsonValueKind.Null => false,
            _ => throw Unusable(name, "is not a boolean"),
        };
    }

    public static int? OptionalInt(this JsonElement element, string name)
    {
        var value = element.Field(name);
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var number) => number,
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw Unusable(name, "is not a 32-bit integer"),
        };
    }

    public static DateTimeOffset? OptionalTime(this JsonElement element, string name)
    {
        var value = element.Field(name);
        return value.ValueKind switch
        {
            JsonValueKind.String when value.TryGetDateTimeOffset(out var time) => time,
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => throw Unusable(name, "is not an ISO 8601 time"),
        };
    }

    public static DateTimeOffset RequiredTime(this JsonElement element, string name) => element.OptionalTime(name) ?? throw Missing(name);

    /// <summary>An amount: a decimal string such as "404.95" (REST's way), or a JSON number read as a decimal.</summary>
    public static decimal? OptionalAmount(this JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var amount) => amount,
        JsonValueKind.Number when value.TryGetDecimal(out var amount) => amount,
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => throw Unusable(name, "is not a decimal amount"),
    };

    /// <summary>
    /// The shop-currency side of a money set (<c>{name}_set.shop_money.amount</c>), or the plain field of the same name,
    /// which REST also gives in the shop currency; null when neither is there.
    /// </summary>
    public static decimal? OptionalShopMoney(this JsonElement element, string name) =>
        element.Field(name + "_set").Field("shop_money").Field("amount").OptionalAmount(name + "_set.shop_money.amount")
        ?? element.Field(name).OptionalAmount(name);

    public static decimal RequiredShopMoney(this JsonElement element, string name) => element.OptionalShopMoney(name) ?? throw Missing(name);

    /// <summary>REST's tags, one comma-separated string (<c>"tag1, tag2"</c>), as a list.</summary>
    public static IReadOnlyList<string> Tags(this JsonElement element, string name) =>
        element.OptionalString(name) is { } tags
            ? [.. tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];

    /// <summary>A lower-case REST enum value as the GraphQL enum writes it: <c>partially_refunded</c> → <c>PARTIALLY_REFUNDED</c>.</summary>
    public static string? AsGraphQLEnum(string? restValue) => restValue?.ToUpperInvariant();

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name)
    {
        var value = element.Field(name);
        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            _ => throw Unusable(name, "is not a list"),
        };
    }

    private static UnusablePayloadException Missing(string name) => new($"{name} is missing");

    private static UnusablePayloadException Unusable(string name, string problem) => new($"{name} {problem}");
}
