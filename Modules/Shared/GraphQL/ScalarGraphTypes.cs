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
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        null => null,
        _ => ThrowSerializationError(value),
    };

    private static DateOnly Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a date in the form YYYY-MM-DD.");
}
