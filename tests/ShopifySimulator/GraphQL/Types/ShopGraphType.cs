using System.Globalization;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

internal sealed class ShopGraphType : ObjectGraphType<SimulatedShop>
{
    public ShopGraphType()
    {
        Name = "Shop";
        Description = "Represents a collection of general settings and information about the shop.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("Shop", context.Source.Data.Settings.NumericId));
        Field<NonNullGraphType<StringGraphType>>("name").Description("The shop's name.")
            .Resolve(context => DisplayName(context.Source.Domain));
        Field<NonNullGraphType<StringGraphType>>("email").Description("The shop owner's email address.")
            .Resolve(context => "owner@" + context.Source.Domain);
        Field<NonNullGraphType<StringGraphType>>("myshopifyDomain").Description("The shop's .myshopify.com domain name.")
            .Resolve(context => context.Source.Domain);
        Field<NonNullGraphType<CurrencyCodeGraphType>>("currencyCode").Description("The three letter code for the currency that the shop sells in.")
            .Resolve(context => context.Source.Data.Settings.Currency);
        Field<NonNullGraphType<StringGraphType>>("ianaTimezone").Description("The shop's time zone as defined by the IANA.")
            .Resolve(context => context.Source.Data.Settings.TimeZone.Id);
        Field<NonNullGraphType<StringGraphType>>("timezoneAbbreviation").Description("The shop's time zone abbreviation.")
            .Resolve(context => Abbreviation(context.Source.Data.Settings.TimeZone));
        Field<NonNullGraphType<StringGraphType>>("timezoneOffset").Description("The shop's timezone offset expressed as a string, e.g. \"-0500\".")
            .Resolve(context => FormatOffset(Offset(context.Source.Data.Settings.TimeZone)));
        Field<NonNullGraphType<IntGraphType>>("timezoneOffsetMinutes").Description("The shop's timezone offset expressed in number of minutes.")
            .Resolve(context => (int)Offset(context.Source.Data.Settings.TimeZone).TotalMinutes);
        Field<NonNullGraphType<ShopPlanGraphType>>("plan").Description("The shop's plan.")
            .Resolve(context => context.Source.Throttle);
    }

    private static TimeSpan Offset(TimeZoneInfo zone) => zone.GetUtcOffset(DateTimeOffset.UtcNow);

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    private static string Abbreviation(TimeZoneInfo zone)
    {
        var name = zone.IsDaylightSavingTime(DateTimeOffset.UtcNow) ? zone.DaylightName : zone.StandardName;
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word[0]));
        return initials.Length is > 1 and <= 5 ? initials : zone.Id;
    }

    internal static string DisplayName(string domain)
    {
        var handle = domain.Split('.')[0].Replace('-', ' ');
        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(handle);
    }
}

/// <summary>The plan follows the bucket: Shopify Plus shops restore 1000 points per second.</summary>
internal sealed class ShopPlanGraphType : ObjectGraphType<ThrottleSettings>
{
    public ShopPlanGraphType()
    {
        Name = "ShopPlan";
        Description = "The billing plan of the shop.";
        Field<NonNullGraphType<BooleanGraphType>>("partnerDevelopment").Description("Whether the shop is a partner development shop for testing purposes.")
            .Resolve(_ => false);
        Field<NonNullGraphType<BooleanGraphType>>("shopifyPlus").Description("Whether the shop has a Shopify Plus subscription.")
            .Resolve(context => IsPlus(context.Source));
        Field<NonNullGraphType<StringGraphType>>("publicDisplayName").Description("The public display name of the shop's billing plan.")
            .Resolve(context => IsPlus(context.Source) ? "Shopify Plus" : "Basic");
    }

    internal static bool IsPlus(ThrottleSettings throttle) => throttle.RestoreRate >= 1000;
}
