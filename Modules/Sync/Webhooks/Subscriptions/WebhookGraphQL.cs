using GraphQL.Types;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Shared.GraphQL;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Webhooks.Subscriptions;

/// <summary><c>registerWebhooks</c>: subscribes the caller's shop to webhooks now; there only when webhooks are on.</summary>
internal sealed class WebhookGraphQL(IOptions<WebhookOptions> options) : IGraphQLContribution
{
    public void AddQueryFields(ObjectGraphType query)
    {
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        if (options.Value.CallbackUrl is null)
        {
            return;
        }

        mutation.Field<NonNullGraphType<WebhookRegistrationGraphType>>("registerWebhooks")
            .Description("Subscribes the shop to the webhook topics ShopIngest applies, at this server's address; subscriptions already there are kept, and ones to another address of this app are replaced. Safe to repeat.")
            .ResolveAsync(async context =>
            {
                var tenantId = context.RequireTenant();
                try
                {
                    return await context.GetService<WebhookRegistrar>().RegisterAsync(tenantId, context.CancellationToken);
                }
                catch (ShopifyException failure)
                {
                    throw ErrorCodes.Error(ErrorCodes.ShopifyRefused, failure.Message);
                }
            });
    }
}

internal sealed class WebhookRegistrationGraphType : ObjectGraphType<WebhookRegistration>
{
    public WebhookRegistrationGraphType()
    {
        Name = "WebhookRegistration";
        Description = "The shop's webhook subscriptions after registering.";
        Field<NonNullGraphType<StringGraphType>>("callbackUrl").Description("Where Shopify delivers the shop's webhooks.").Resolve(c => c.Source.CallbackUrl);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TopicSubscriptionGraphType>>>>("topics")
            .Description("Each topic subscribed to, and how its subscription stands.").Resolve(c => c.Source.Topics);
        Field<NonNullGraphType<IntGraphType>>("removed")
            .Description("Subscriptions of these topics to another address of this app that were removed.").Resolve(c => c.Source.Removed);
    }
}

internal sealed class TopicSubscriptionGraphType : ObjectGraphType<TopicSubscription>
{
    public TopicSubscriptionGraphType()
    {
        Name = "WebhookTopicSubscription";
        Description = "One webhook topic's subscription.";
        Field<NonNullGraphType<StringGraphType>>("topic").Description("The topic, e.g. orders/create.").Resolve(c => c.Source.Topic);
        Field<NonNullGraphType<StringGraphType>>("status")
            .Description($"{WebhookRegistrar.Existing} (was there), {WebhookRegistrar.Created} (made now) or {WebhookRegistrar.Refused} (Shopify would not; see message).")
            .Resolve(c => c.Source.Status);
        Field<StringGraphType>("message").Description("Shopify's reason for a refusal, such as a missing access scope.").Resolve(c => c.Source.Message);
    }
}
