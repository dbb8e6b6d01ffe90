using System.Text;
using System.Text.Json;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Paging;

/// <summary>
/// Opaque cursors shaped like Shopify's: base64 of <c>{"last_id":…,"last_value":…}</c>. Holding the
/// sort value and the id (not an offset) keeps a walk stable while records are added or move.
/// </summary>
internal static class Cursor
{
    public static string Encode(SortPosition position)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new CursorBody(position.Id, position.Value));
        return Convert.ToBase64String(json);
    }

    public static SortPosition Decode(string cursor)
    {
        try
        {
            var body = JsonSerializer.Deserialize<CursorBody>(Convert.FromBase64String(cursor));
            return body is null ? throw InvalidCursor() : new SortPosition(body.LastValue, body.LastId);
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            throw InvalidCursor();
        }
    }

    private static ShopifyExecutionError InvalidCursor() => new("Invalid cursor for current pagination.", "BAD_REQUEST");

    private sealed record CursorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("last_id")] long LastId,
        [property: System.Text.Json.Serialization.JsonPropertyName("last_value")] long LastValue);
}
