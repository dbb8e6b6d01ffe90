using GraphQL.Types;
using ShopIngest.Modules.Identity.Authentication;
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
        Field<StringGraphType>("credentialsError")
            .Description("Why Shopify refused the shop's access token, when it did; syncing waits for a new token.")
            .Resolve(c => c.Source.CredentialsError);
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
