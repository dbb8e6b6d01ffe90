using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ShopIngest.Modules.Shared.GraphQL;

/// <summary>
/// What a field costs in the complexity budget the Host checks before a query runs. By default a field costs 1,
/// times the page size of the lists it sits in; a field that runs a database query costs as much as a hundred
/// fields read from memory, so that asking for it many times (aliases) exhausts the budget long before the
/// database notices. A root field that declares no cost is taken to run a query.
/// </summary>
public static class FieldCosts
{
    public const double DatabaseQuery = 100;

    public const double InMemory = 1;

    private const string MetadataKey = "ShopIngest.FieldCost";

    /// <summary>The field runs a database query each time it is resolved (not once per page of its parent).</summary>
    public static FieldBuilder<TSource, TReturn> QueriesDatabase<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Costs(DatabaseQuery);

    public static FieldBuilder<TSource, TReturn> Costs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, double cost) =>
        field.WithMetadata(MetadataKey, cost);

    /// <summary>The cost the field declared, or null when it left it to the defaults.</summary>
    public static double? Of(FieldType field) => field.GetMetadata<double?>(MetadataKey);
}
