using GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

internal sealed class MoneyV2GraphType : ObjectGraphType<MoneyAmount>
{
    public MoneyV2GraphType()
    {
        Name = "MoneyV2";
        Description = "A precise monetary value and its associated currency.";
        Field<NonNullGraphType<ShopifyDecimalGraphType>>("amount")
            .Description("A monetary value in decimal format, allowing for precise representation of cents or fractional currency.")
            .Resolve(context => Money.ToDecimal(context.Source.Cents));
        Field<NonNullGraphType<CurrencyCodeGraphType>>("currencyCode")
            .Description("The three-letter currency code that represents a world currency used in a store.")
            .Resolve(context => context.Source.CurrencyCode);
    }
}

/// <summary>Shop and presentment money of an order amount; both are non-null in Shopify's MoneyBag.</summary>
internal sealed class MoneyBagGraphType : ObjectGraphType<MoneyBag>
{
    public MoneyBagGraphType()
    {
        Name = "MoneyBag";
        Description = "A collection of monetary values in their respective currencies.";
        Field<NonNullGraphType<MoneyV2GraphType>>("shopMoney")
            .Description("Amount in shop currency.")
            .Resolve(context => context.Source.ShopMoney);
        Field<NonNullGraphType<MoneyV2GraphType>>("presentmentMoney")
            .Description("Amount in presentment currency.")
            .Resolve(context => context.Source.PresentmentMoney);
    }
}

internal sealed class CountGraphType : ObjectGraphType<CountResult>
{
    public CountGraphType()
    {
        Name = "Count";
        Description = "Details for count of elements.";
        Field<NonNullGraphType<IntGraphType>>("count").Description("The count of elements.").Resolve(context => context.Source.Count);
        Field<NonNullGraphType<CountPrecisionGraphType>>("precision")
            .Description("The count's precision, or the exactness of the value.")
            .Resolve(context => context.Source.Precision);
    }
}
