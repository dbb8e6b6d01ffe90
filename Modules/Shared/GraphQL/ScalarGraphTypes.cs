using System.Globalization;
using GraphQL;
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

/// <summary>How a calendar day is written on the wire, GraphQL and REST alike: <c>YYYY-MM-DD</c>, and which days the API answers for.</summary>
public static class CalendarDay
{
    // Far enough from DateOnly's ends that every day derived from one (its week's Monday, the day after it, a default
    // range before it) exists, and wider than any shop's orders.
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2999, 12, 31);

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static bool IsAnswered(DateOnly day) => day >= First && day <= Last;

    /// <summary>Why the day <paramref name="name"/> (as the client wrote it) is refused.</summary>
    public static string OutOfRange(string name, string text) =>
        $"{name} '{text}' is outside the days this API answers for, {Format(First)} to {Format(Last)}.";

    /// <summary>The day argument <paramref name="name"/>, if given; a day the API does not answer for is the client's error.</summary>
    public static DateOnly? GetDayArgument(this IResolveFieldContext context, string name)
    {
        var day = context.GetArgument<DateOnly?>(name);
        return day is { } given && !IsAnswered(given)
            ? throw ErrorCodes.Error(ErrorCodes.BadUserInput, OutOfRange(name, Format(given)))
            : day;
    }
}
