using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <summary>
/// A Shopify scalar that travels as a JSON string (DateTime, Decimal, Money, UnsignedInt64): the
/// conversions live here once, each scalar only says how its values are written and read.
/// </summary>
internal abstract class StringScalarGraphType<T> : ScalarGraphType
{
    protected StringScalarGraphType(string name, string description)
    {
        Name = name;
        Description = description;
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        T typed => Format(typed),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Parse(text),
        T typed => typed,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse((string)text.Value),
        _ => ThrowLiteralConversionError(value),
    };

    protected abstract string Format(T value);

    protected abstract T Parse(string text);
}

/// <summary>Shopify's DateTime: ISO-8601 in UTC with whole seconds, e.g. <c>2025-01-02T03:04:05Z</c>.</summary>
internal sealed class ShopifyDateTimeGraphType() : StringScalarGraphType<DateTimeOffset>(
    "DateTime", "An ISO-8601 encoded UTC date time string, e.g. 2019-09-07T15:50:00Z.")
{
    protected override string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    protected override DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>
/// Shopify's decimal scalars: exact amounts as strings formatted like Shopify's ("10.0", "24.99"),
/// so no client reads money through a binary floating-point number.
/// </summary>
internal abstract class DecimalStringGraphType(string name, string description) : StringScalarGraphType<decimal>(name, description)
{
    protected override string Format(decimal value) => value.ToString("0.0#", CultureInfo.InvariantCulture);

    protected override decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}

internal sealed class ShopifyDecimalGraphType() : DecimalStringGraphType(
    "Decimal", "A signed decimal number, serialized as a string, e.g. \"29.99\".");

internal sealed class ShopifyMoneyGraphType() : DecimalStringGraphType(
    "Money", "A monetary value string without a currency symbol or code, e.g. \"10.0\".");

/// <summary>Shopify's UnsignedInt64: serialised as a string because it may exceed 2^53.</summary>
internal sealed class UnsignedInt64GraphType() : StringScalarGraphType<long>(
    "UnsignedInt64", "An unsigned 64-bit integer, serialized as a string, e.g. \"50\".")
{
    protected override string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    protected override long Parse(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>Shopify's URL: an absolute URL as a string, e.g. a bulk operation's result.</summary>
internal sealed class ShopifyUrlGraphType() : StringScalarGraphType<string>(
    "URL", "Represents an RFC 3986 and RFC 3987-compliant URI string.")
{
    protected override string Format(string value) => value;

    protected override string Parse(string text) => text;
}

/// <summary>Shopify's FormattedString: text with a strict subset of HTML, such as an event's message.</summary>
internal sealed class FormattedStringGraphType() : StringScalarGraphType<string>(
    "FormattedString", "A string containing a strict subset of HTML code. Non-allowed tags will be stripped out.")
{
    protected override string Format(string value) => value;

    protected override string Parse(string text) => text;
}
