using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Authentication;
using ShopIngest.Modules.Identity.Tenants;
using ShopIngest.Modules.Identity.Tenants.CreateTenant;
using ShopIngest.Modules.Shared.GraphQL;

namespace ShopIngest.Modules.Identity.GraphQL;

internal sealed class IdentityGraphQL(IOptions<IdentityOptions> options) : IGraphQLContribution
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<MeGraphType>>("me")
            .Description("The signed-in user and their shop.")
            .QueriesDatabase()
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                var shop = await context.GetService<TenantDirectory>().FindAsync(tenantId, context.CancellationToken)
                    ?? throw ErrorCodes.Error(ErrorCodes.NotAuthenticated, "The shop of this token no longer exists.");
                return new Me(context.User!.Identity!.Name ?? "", shop);
            });

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<LoginPayloadGraphType>>("login")
            .Description("Signs in with email and password and returns a bearer token.")
            .QueriesDatabase()
            .Argument<NonNullGraphType<StringGraphType>>("email", "The user's email.")
            .Argument<NonNullGraphType<StringGraphType>>("password", "The user's password.")
            .ResolveAsync(async context => await LoginAsync(context, context.GetArgument<string>("email"), context.GetArgument<string>("password")));

        mutation.Field<NonNullGraphType<ShopGraphType>>("updateShopAccessToken")
            .Description("Replaces the shop's Shopify Admin API access token; syncing resumes if it had been refused.")
            .QueriesDatabase()
            .Argument<NonNullGraphType<StringGraphType>>("accessToken", "The new Admin API access token.")
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                var accessToken = context.GetArgument<string>("accessToken").Trim();
                if (accessToken.Length == 0)
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, "The access token is empty.");
                }

                var directory = context.GetService<TenantDirectory>();
                await directory.ReplaceAccessTokenAsync(tenantId, accessToken, context.CancellationToken);
                return await directory.FindAsync(tenantId, context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<ShopGraphType>>("updateShopWebhookSecret")
            .Description("Sets the secret the shop's Shopify webhooks are signed with (a custom app's API secret key); null removes it, and the server's app-wide secret applies again.")
            .QueriesDatabase()
            .Argument<StringGraphType>("webhookSecret", "The new webhook secret, or null.")
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                var webhookSecret = context.GetArgument<string?>("webhookSecret")?.Trim();
                if (webhookSecret is { Length: 0 })
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, "The webhook secret is empty; send null to use the app-wide one.");
                }

                var directory = context.GetService<TenantDirectory>();
                await directory.ReplaceWebhookSecretAsync(tenantId, webhookSecret, context.CancellationToken);
                return await directory.FindAsync(tenantId, context.CancellationToken);
            });

        mutation.Field<NonNullGraphType<LoginPayloadGraphType>>("changePassword")
            .Description("Changes the signed-in user's password and returns a new token; every token issued before stops working.")
            .Argument<NonNullGraphType<StringGraphType>>("currentPassword", "The password the user signs in with now.")
            .Argument<NonNullGraphType<StringGraphType>>("newPassword", $"At least {Users.Passwords.MinimumLength} characters.")
            .QueriesDatabase()
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                var newPassword = context.GetArgument<string>("newPassword");
                if (Users.Passwords.Problem(newPassword) is { } weak)
                {
                    throw ErrorCodes.Error(ErrorCodes.BadUserInput, weak);
                }

                var userId = Guid.Parse(context.User!.FindFirst(TokenIssuer.UserIdClaim)!.Value);
                var result = await context.GetService<PasswordChange>().ChangeAsync(
                    tenantId, userId, context.GetArgument<string>("currentPassword"), newPassword, ClientAddressOf(context), context.CancellationToken);
                return Payload(result);
            });

        if (!options.Value.AllowSignUp)
        {
            return;
        }

        mutation.Field<NonNullGraphType<LoginPayloadGraphType>>("signUp")
            .Description("Registers a shop with its first user and signs that user in.")
            .QueriesDatabase()
            .Argument<NonNullGraphType<StringGraphType>>("email", "The new user's email.")
            .Argument<NonNullGraphType<StringGraphType>>("password", $"At least {Users.Passwords.MinimumLength} characters.")
            .Argument<NonNullGraphType<StringGraphType>>("shop", "The shop's domain, e.g. your-shop.myshopify.com.")
            .Argument<NonNullGraphType<StringGraphType>>("accessToken", "The shop's Admin API access token.")
            .Argument<StringGraphType>("name", "A display name for the shop.")
            .Argument<StringGraphType>("webhookSecret", "The secret the shop's webhooks are signed with (a custom app's API secret key); leave it out to use the server's app-wide one.")
            .ResolveAsync(async context =>
            {
                var request = new NewTenant(
                    context.GetArgument<string>("email"),
                    context.GetArgument<string>("password"),
                    context.GetArgument<string>("shop"),
                    context.GetArgument<string>("accessToken"),
                    context.GetArgument<string?>("name"),
                    context.GetArgument<string?>("webhookSecret"));
                var result = await context.GetService<TenantRegistration>().RegisterAsync(request, context.CancellationToken);
                return result switch
                {
                    RegistrationResult.Rejected rejected => throw ErrorCodes.Error(ErrorCodes.BadUserInput, rejected.Problem),
                    _ => await LoginAsync(context, request.Email, request.Password),
                };
            });
    }

    private static async Task<LoginPayload> LoginAsync(IResolveFieldContext context, string email, string password) =>
        Payload(await context.GetService<LoginService>().LoginAsync(email, password, ClientAddressOf(context), context.CancellationToken));

    private static string ClientAddressOf(IResolveFieldContext context) => ClientAddress.Of(context.GetService<IHttpContextAccessor>().HttpContext);

    private static LoginPayload Payload(LoginResult result) =>
        result switch
        {
            LoginResult.Succeeded succeeded => new LoginPayload(succeeded.Token, succeeded.Tenant),
            LoginResult.RateLimited limited => throw ErrorCodes.Error(ErrorCodes.RateLimited, LoginMessages.RateLimited(limited.RetryAfter)),
            _ => throw ErrorCodes.Error(ErrorCodes.InvalidCredentials, LoginMessages.InvalidCredentials),
        };
}
