using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ShopIngest.Modules.Shared.GraphQL;

/// <summary>A calendar day, <c>YYYY-MM-DD</c>, in the shop's time zone.</summary>
public sealed class ShopDateGraphType : ScalarGraphType
{
    public ShopDateGraphType()
    {
        Name = "Date";
        Description = "A calendar day as YYYY-MM-DD, in the shop's time zone.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text => Parse(text.Value.ToString()),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        string text => Parse(text),
        DateOnly date => date,
        null => null,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        DateOnly date => CalendarDay.Format(date),
        null => null,
        _ => ThrowSerializationError(value),
    };

    private static DateOnly Parse(string text) =>
        CalendarDay.TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a date in the form YYYY-MM-DD.");
}

/// <summary>How a calendar day is written on the wire, GraphQL and REST alike: <c>YYYY-MM-DD</c>.</summary>
public static class CalendarDay
{
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
