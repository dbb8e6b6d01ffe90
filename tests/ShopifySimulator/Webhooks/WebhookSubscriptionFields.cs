using GraphQL;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.GraphQL.Paging;
using ShopIngest.ShopifySimulator.GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// The webhook subscription fields of the query and mutation roots: <c>webhookSubscriptions</c>,
/// <c>webhookSubscription(id:)</c>, <c>webhookSubscriptionCreate</c> and <c>webhookSubscriptionDelete</c>, with 2025-10's
/// arguments and Shopify's user errors.
/// </summary>
internal static class WebhookSubscriptionFields
{
    /// <summary>Where Shopify reports a problem with the address, whichever of uri and callbackUrl carried it.</summary>
    private static readonly string[] AddressField = ["webhookSubscription", "callbackUrl"];

    private static readonly string[] TopicField = ["topic"];

    private static readonly string[] IdField = ["id"];

    public static void AddWebhookSubscriptionFields(this ObjectGraphType queryRoot)
    {
        // https://shopify.dev/docs/api/admin-graphql/2025-10/queries/webhookSubscriptions
        queryRoot.Field<NonNullGraphType<ConnectionGraphType<WebhookSubscriptionGraphType>>>("webhookSubscriptions")
            .Description("Returns a list of webhook subscriptions.")
            .WithPaging()
            .Argument<WebhookSubscriptionSortKeysGraphType>("sortKey", "Sort the underlying list by the given key.", argument => argument.DefaultValue = CreationSortKeys.CreatedAt)
            .Argument<ListGraphType<NonNullGraphType<WebhookSubscriptionTopicGraphType>>>("topics", "The list of webhook subscription topics to filter by.")
            .Argument<WebhookSubscriptionFormatGraphType>("format", "Response format to filter by.")
            .Argument<StringGraphType>("uri", "The URI to filter by.")
            .Argument<ShopifyUrlGraphType>("callbackUrl", "Callback URL to filter by.", argument => argument.DeprecationReason = "Use `uri` instead.")
            .Resolve(context =>
            {
                var topics = context.GetArgument<List<WebhookTopic>?>("topics");
                var format = context.GetArgument<WebhookSubscriptionFormat?>("format");
                var uri = context.GetArgument<string?>("uri") ?? context.GetArgument<string?>("callbackUrl");
                var subscriptions = context.Shop().Webhooks.Subscriptions;

                // Ids grow with creation, so CREATED_AT and ID order agree.
                return Connections.ForSequence(
                    0,
                    subscriptions.Count,
                    index => new SortPosition(subscriptions[index].Id, subscriptions[index].Id),
                    index => (topics is null || topics.Contains(subscriptions[index].Topic))
                        && (format is null || subscriptions[index].Format == format)
                        && (uri is null || subscriptions[index].Uri == uri),
                    context.PageArguments(),
                    index => subscriptions[index]);
            });

        queryRoot.Field<WebhookSubscriptionGraphType>("webhookSubscription")
            .Description("Returns a webhook subscription by ID.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The ID of the WebhookSubscription to return.")
            .Resolve(context => context.Shop().Webhooks.Find(context.GetArgument<string>("id")));
    }

    public static void AddWebhookSubscriptionMutations(this ObjectGraphType mutationRoot)
    {
        // https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/webhookSubscriptionCreate
        mutationRoot.Field<WebhookSubscriptionCreatePayloadGraphType>("webhookSubscriptionCreate")
            .Description("Creates a new webhook subscription.")
            .Argument<NonNullGraphType<WebhookSubscriptionTopicGraphType>>("topic", "The type of event that triggers the webhook.")
            .Argument<NonNullGraphType<WebhookSubscriptionInputGraphType>>("webhookSubscription", "Specifies the input fields for a webhook subscription.")
            .Resolve(context => Create(
                context.Request(), context.GetArgument<WebhookTopic>("topic"), context.GetArgument<WebhookSubscriptionInput>("webhookSubscription")));

        // https://shopify.dev/docs/api/admin-graphql/2025-10/mutations/webhookSubscriptionDelete
        mutationRoot.Field<WebhookSubscriptionDeletePayloadGraphType>("webhookSubscriptionDelete")
            .Description("Deletes a webhook subscription.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The ID of the webhook subscription to delete.")
            .Resolve(context =>
            {
                var gid = context.GetArgument<string>("id");
                var webhooks = context.Shop().Webhooks;
                return webhooks.Find(gid) is { } subscription && webhooks.Remove(subscription.Id)
                    ? new WebhookSubscriptionPayload(null, subscription.Gid, [])
                    : new WebhookSubscriptionPayload(null, null, [new BulkUserError(IdField, "Webhook subscription does not exist")]);
            });
    }

    /// <summary>
    /// Shopify's user errors, checked in its order: a topic the token lacks the scope for ("You cannot create a webhook
    /// subscription with the specified topic"), an address it does not take, and an address already subscribed to the
    /// topic ("Address for this topic has already been taken", https://shopify.dev/docs/api/admin-graphql/2025-10/enums/PubSubWebhookSubscriptionCreateUserErrorCode,
    /// TAKEN). What the simulator cannot do (Pub/Sub, EventBridge, XML, filters) is a request error, never a silent success.
    /// </summary>
    private static WebhookSubscriptionPayload Create(ShopRequestContext request, WebhookTopic topic, WebhookSubscriptionInput input)
    {
        var address = (input.Uri ?? input.CallbackUrl)?.Trim();
        if (WebhookAddresses.IsCloudDestination(address))
        {
            throw new ShopifyExecutionError("Google Pub/Sub and Amazon EventBridge destinations are not supported by the simulator.", "BAD_REQUEST");
        }

        if (input.Format == WebhookSubscriptionFormat.Xml)
        {
            throw new ShopifyExecutionError("format XML is not supported by the simulator; use JSON.", "BAD_REQUEST");
        }

        if (!string.IsNullOrWhiteSpace(input.Filter))
        {
            throw new ShopifyExecutionError("filter is not supported by the simulator.", "BAD_REQUEST");
        }

        if (topic.RequiredScope() is { } scope && !request.Scopes.Allows(scope))
        {
            return Refused(TopicField, "You cannot create a webhook subscription with the specified topic");
        }

        if (WebhookAddresses.Problem(address) is { } problem)
        {
            return Refused(AddressField, problem);
        }

        var (created, _) = request.Shop.Webhooks.Add(
            topic, address!, WebhookSubscriptionFormat.Json, input.IncludeFields, input.MetafieldNamespaces ?? [], request.ApiVersion, request.Now);
        return created is null
            ? Refused(AddressField, "Address for this topic has already been taken")
            : new WebhookSubscriptionPayload(created, null, []);
    }

    private static WebhookSubscriptionPayload Refused(IReadOnlyList<string> field, string message) => new(null, null, [new BulkUserError(field, message)]);
}
