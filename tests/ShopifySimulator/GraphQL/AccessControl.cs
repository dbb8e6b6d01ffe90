using GraphQL;

namespace ShopIngest.ShopifySimulator.GraphQL;

/// <summary>
/// Refuses a field the token lacks the scope for, as Shopify does since 2020-07: an ACCESS_DENIED error naming the
/// scope, on that field's path, with the field null (and, where the field is non-null, its parent too, as GraphQL
/// requires). See https://shopify.dev/changelog/new-error-messages-for-graphql-operations-without-necessary-access-scopes.
/// </summary>
internal static class AccessControl
{
    private const string Documentation = "https://shopify.dev/api/usage/access-scopes";

    public static void Demand(this IResolveFieldContext context, string scope)
    {
        if (!context.Request().Scopes.Allows(scope))
        {
            throw Denied(context.FieldDefinition.Name, scope);
        }
    }

    private static ShopifyExecutionError Denied(string field, string scope)
    {
        var error = new ShopifyExecutionError($"Access denied for {field} field. Required access: `{scope}` access scope.", "ACCESS_DENIED");
        error.AddExtension("documentation", Documentation);
        error.AddExtension("requiredAccess", $"`{scope}` access scope.");
        return error;
    }
}
