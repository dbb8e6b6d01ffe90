using GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.GraphQL.Types;

/// <summary>The source of AppInstallation: the app's installation on one shop and the scopes of the request's token.</summary>
internal sealed record AppInstallation(long ShopId, GrantedScopes Scopes);

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/objects/AppInstallation, limited to what a client checks.</summary>
internal sealed class AppInstallationGraphType : ObjectGraphType<AppInstallation>
{
    public AppInstallationGraphType()
    {
        Name = "AppInstallation";
        Description = "Represents an installed application on a shop.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => Gid.For("AppInstallation", context.Source.ShopId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessScopeGraphType>>>>("accessScopes")
            .Description("The access scopes granted to the application by a merchant during installation.")
            .Resolve(context => context.Source.Scopes.Handles);
    }
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/objects/AccessScope: both fields are non-null.</summary>
internal sealed class AccessScopeGraphType : ObjectGraphType<string>
{
    public AccessScopeGraphType()
    {
        Name = "AccessScope";
        Description = "The permission required to access a Shopify Admin API or Storefront API resource for a shop.";
        Field<NonNullGraphType<StringGraphType>>("handle")
            .Description("A readable string that represents the access scope, such as read_orders.")
            .Resolve(context => context.Source);
        Field<NonNullGraphType<StringGraphType>>("description")
            .Description("A description of the actions that the access scope allows an app to perform.")
            .Resolve(context => GrantedScopes.DescriptionOf(context.Source));
    }
}
