using GraphQL.Types;
using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Identity.Tenants;

namespace ShopIngest.Modules.Identity.GraphQL;

internal sealed class ShopGraphType : ObjectGraphType<Tenant>
{
    public ShopGraphType()
    {
        Name = "Shop";
        Description = "A Shopify shop: one ShopIngest tenant.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The shop's ShopIngest id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("domain").Description("The shop's myshopify domain.").Resolve(c => c.Source.ShopDomain);
        Field(t => t.Name).Description("The shop's display name.");
        Field(t => t.Currency, nullable: true).Description("ISO 4217 currency of the shop; known after the first sync.");
        Field<StringGraphType>("timezone").Description("IANA time zone of the shop; known after the first sync.").Resolve(c => c.Source.TimeZone);
        Field(t => t.SyncEnabled).Description("Whether the schedule syncs this shop.");
        Field<NonNullGraphType<BooleanGraphType>>("hasOwnWebhookSecret")
            .Description("Whether the shop's webhooks are checked with a secret of its own (set by updateShopWebhookSecret) rather than the server's app-wide one. The secret itself is never shown.")
            .Resolve(c => c.Source.ProtectedWebhookSecret is not null);
        Field<StringGraphType>("credentialsError")
            .Description("Why Shopify refused the shop's access token, when it did; syncing waits for a new token.")
            .Resolve(c => c.Source.CredentialsError);
        Field<ShopAccessGraphType>("access")
            .Description("The access scopes of the shop's token, as Shopify last reported them; null until they were first checked (before the first sync).")
            .Resolve(c => c.Source.ScopesCheckedAt is { } checkedAt ? new ShopAccess(c.Source.GrantedScopes ?? [], checkedAt) : null);
        Field<BooleanGraphType>("ordersHistoryLimited")
            .Description($"True when the token lacks {ShopifyAccessScopes.ReadAllOrders}: Shopify then shows only the orders of the last 60 days. Null until the scopes were checked.")
            .Resolve(c => c.Source.ScopesCheckedAt is null
                ? null
                : ShopifyAccessScopes.Missing(c.Source.GrantedScopes ?? []).Contains(ShopifyAccessScopes.ReadAllOrders));
        Field<StringGraphType>("syncPausedReason")
            .Description("Why Shopify cannot be synced for now (shop frozen, locked or not found); null unless syncing is paused.")
            .Resolve(c => c.Source.SyncPausedReason);
        Field<DateTimeOffsetGraphType>("syncPausedUntil")
            .Description("Until when the schedule leaves the shop alone; a successful manual sync or a new access token ends the pause sooner. Null unless paused.")
            .Resolve(c => c.Source.SyncPausedUntil);
    }
}

internal sealed record ShopAccess(IReadOnlyList<string> GrantedScopes, DateTimeOffset CheckedAt);

internal sealed class ShopAccessGraphType : ObjectGraphType<ShopAccess>
{
    public ShopAccessGraphType()
    {
        Name = "ShopAccess";
        Description = "What the shop's Shopify access token may read.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("grantedScopes")
            .Description("Every access scope Shopify reports for the token, e.g. read_orders.").Resolve(c => c.Source.GrantedScopes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("missingScopes")
            .Description($"Of the scopes ShopIngest reads with ({string.Join(", ", ShopifyAccessScopes.Needed)}), those the token lacks.")
            .Resolve(c => ShopifyAccessScopes.Missing(c.Source.GrantedScopes));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("checkedAt").Description("When Shopify was last asked.").Resolve(c => c.Source.CheckedAt);
    }
}

internal sealed record LoginPayload(IssuedToken Token, Tenant Shop);

internal sealed class LoginPayloadGraphType : ObjectGraphType<LoginPayload>
{
    public LoginPayloadGraphType()
    {
        Name = "LoginPayload";
        Description = "A bearer token for the signed-in user.";
        Field<NonNullGraphType<StringGraphType>>("token").Description("Send as `Authorization: Bearer <token>`.").Resolve(c => c.Source.Token.Token);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Description("When the token stops working.").Resolve(c => c.Source.Token.ExpiresAt);
        Field<NonNullGraphType<ShopGraphType>>("shop").Description("The shop the user belongs to.").Resolve(c => c.Source.Shop);
    }
}

internal sealed record Me(string Email, Tenant Shop);

internal sealed class MeGraphType : ObjectGraphType<Me>
{
    public MeGraphType()
    {
        Name = "Me";
        Description = "The signed-in user.";
        Field(m => m.Email).Description("The user's email.");
        Field<NonNullGraphType<ShopGraphType>>("shop").Description("The user's shop.").Resolve(c => c.Source.Shop);
    }
}
