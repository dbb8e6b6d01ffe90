using GraphQL.Types;
using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.GraphQL.Types;

namespace ShopIngest.ShopifySimulator.Webhooks;

internal sealed class WebhookSubscriptionTopicGraphType() : ShopifyEnumGraphType<WebhookTopic>(
    "WebhookSubscriptionTopic", "The supported topics for webhook subscriptions (those the simulator delivers).");

internal sealed class WebhookSubscriptionFormatGraphType() : ShopifyEnumGraphType<WebhookSubscriptionFormat>(
    "WebhookSubscriptionFormat", "The supported formats for webhook subscriptions.");

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/enums/WebhookSubscriptionSortKeys: CREATED_AT and ID.</summary>
internal sealed class WebhookSubscriptionSortKeysGraphType() : ShopifyEnumGraphType<CreationSortKeys>(
    "WebhookSubscriptionSortKeys", "The set of valid sort keys for the WebhookSubscription query.");

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/objects/ApiVersion, built from its handle.</summary>
internal sealed class ApiVersionGraphType : ObjectGraphType<string>
{
    public ApiVersionGraphType()
    {
        Name = "ApiVersion";
        Description = "A version of the API, as defined by Shopify API versioning.";
        Field<NonNullGraphType<StringGraphType>>("handle").Description("The human-readable name of the version.")
            .Resolve(context => context.Source);
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The name of the version.")
            .Resolve(context => context.Source);
        Field<NonNullGraphType<BooleanGraphType>>("supported").Description("Whether the version is actively supported by Shopify.")
            .Resolve(_ => true);
    }
}

/// <summary>The deprecated endpoint of a subscription delivering over HTTPS.</summary>
internal sealed class WebhookHttpEndpointGraphType : ObjectGraphType<WebhookSubscription>
{
    public WebhookHttpEndpointGraphType()
    {
        Name = "WebhookHttpEndpoint";
        Description = "An HTTPS endpoint to which webhook subscriptions send POST requests.";
        Field<NonNullGraphType<ShopifyUrlGraphType>>("callbackUrl").Description("The URL to which the webhooks events are sent.")
            .Resolve(context => context.Source.Uri);
        IsTypeOf = value => value is WebhookSubscription;
    }
}

/// <summary>The union WebhookSubscriptionEndpoint; the simulator's subscriptions all deliver over HTTP.</summary>
internal sealed class WebhookSubscriptionEndpointGraphType : UnionGraphType
{
    public WebhookSubscriptionEndpointGraphType()
    {
        Name = "WebhookSubscriptionEndpoint";
        Description = "An endpoint to which webhook subscriptions send webhooks events.";
        Type<WebhookHttpEndpointGraphType>();
    }
}

/// <summary>
/// https://shopify.dev/docs/api/admin-graphql/2025-10/objects/WebhookSubscription, without metafields. callbackUrl and
/// endpoint are deprecated for uri in 2025-10 (https://shopify.dev/changelog/consolidate-webhook-graphql-surfaces).
/// </summary>
internal sealed class WebhookSubscriptionGraphType : ObjectGraphType<WebhookSubscription>
{
    public WebhookSubscriptionGraphType()
    {
        Name = "WebhookSubscription";
        Description = "A webhook subscription is a persisted data object created by an app using the REST Admin API or GraphQL Admin API. It describes the topic that the app wants to receive, and a destination where Shopify should send webhooks of the specified topic.";
        Field<NonNullGraphType<ApiVersionGraphType>>("apiVersion").Description("The Admin API version that Shopify uses to serialize webhook events.")
            .Resolve(context => context.Source.ApiVersion);
        Field<NonNullGraphType<ShopifyUrlGraphType>>("callbackUrl").Description("The destination URI to which the webhook subscription will send a message when an event occurs.")
            .DeprecationReason("Use `uri` instead.")
            .Resolve(context => context.Source.Uri);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("createdAt").Description("The date and time when the webhook subscription was created.")
            .Resolve(context => context.Source.CreatedAt);
        Field<NonNullGraphType<WebhookSubscriptionEndpointGraphType>>("endpoint").Description("The endpoint to which the webhook subscription will send events.")
            .DeprecationReason("Use `uri` instead.")
            .Resolve(context => context.Source);
        Field<StringGraphType>("filter").Description("A constraint specified using search syntax that ensures only webhooks that match the specified filter are emitted.")
            .Resolve(_ => null);
        Field<NonNullGraphType<WebhookSubscriptionFormatGraphType>>("format").Description("The format in which the webhook subscription should send the data.")
            .Resolve(context => context.Source.Format);
        Field<NonNullGraphType<IdGraphType>>("id").Description("A globally-unique ID.")
            .Resolve(context => context.Source.Gid);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("includeFields")
            .Description("The list of fields to be included in the webhook subscription. Only the fields specified will be included in the webhook payload. If null, then all fields will be included.")
            .Resolve(context => context.Source.IncludeFields ?? []);
        Field<NonNullGraphType<UnsignedInt64GraphType>>("legacyResourceId").Description("The ID of the corresponding resource in the REST Admin API.")
            .Resolve(context => context.Source.Id);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("metafieldNamespaces")
            .Description("The list of namespaces for any metafields that should be included in the webhook subscription.")
            .Resolve(context => context.Source.MetafieldNamespaces);
        Field<NonNullGraphType<WebhookSubscriptionTopicGraphType>>("topic").Description("The type of event that triggers the webhook.")
            .Resolve(context => context.Source.Topic);
        Field<NonNullGraphType<ShopifyDateTimeGraphType>>("updatedAt").Description("The date and time when the webhook subscription was updated.")
            .Resolve(context => context.Source.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("uri").Description("The URI to which the webhook subscription will send events.")
            .Resolve(context => context.Source.Uri);
    }
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/input-objects/WebhookSubscriptionInput</summary>
internal sealed class WebhookSubscriptionInput
{
    public string? CallbackUrl { get; set; }
    public string? Uri { get; set; }
    public WebhookSubscriptionFormat? Format { get; set; }
    public List<string>? IncludeFields { get; set; }
    public List<string>? MetafieldNamespaces { get; set; }
    public List<MetafieldIdentifierInput>? Metafields { get; set; }
    public string? Filter { get; set; }
}

/// <summary>HasMetafieldsMetafieldIdentifierInput: accepted, as Shopify accepts it; the simulator's records have no metafields.</summary>
internal sealed class MetafieldIdentifierInput
{
    public string Namespace { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
}

internal sealed class WebhookSubscriptionInputGraphType : InputObjectGraphType<WebhookSubscriptionInput>
{
    public WebhookSubscriptionInputGraphType()
    {
        Name = "WebhookSubscriptionInput";
        Description = "The input fields for a webhook subscription.";
        Field<ShopifyUrlGraphType>("callbackUrl").Description("URL where the webhook subscription should send the POST request when the event occurs.")
            .DeprecationReason("Use `uri` instead.");
        Field<StringGraphType>("uri").Description("The URI where the webhook subscription should send events. Supports an HTTPS URL, a Google Pub/Sub URI (pubsub://{project-id}:{topic-id}) or an Amazon EventBridge event source ARN.");
        Field<WebhookSubscriptionFormatGraphType>("format").Description("The format in which the webhook subscription should send the data.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("includeFields").Description("The list of fields to be included in the webhook subscription.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("metafieldNamespaces").Description("The list of namespaces for any metafields that should be included in the webhook subscription.");
        Field<ListGraphType<NonNullGraphType<MetafieldIdentifierInputGraphType>>>("metafields").Description("A list of identifiers specifying metafields to include in the webhook payload.");
        Field<StringGraphType>("filter").Description("A constraint specified using search syntax that ensures only webhooks that match the specified filter are emitted.");
    }
}

internal sealed class MetafieldIdentifierInputGraphType : InputObjectGraphType<MetafieldIdentifierInput>
{
    public MetafieldIdentifierInputGraphType()
    {
        Name = "HasMetafieldsMetafieldIdentifierInput";
        Description = "The input fields to identify a metafield on an owner resource by namespace and key.";
        Field<NonNullGraphType<StringGraphType>>("namespace").Description("The container for a group of metafields that the metafield is associated with.");
        Field<NonNullGraphType<StringGraphType>>("key").Description("The key for the metafield.");
    }
}

/// <summary>What webhookSubscriptionCreate and webhookSubscriptionDelete answer.</summary>
internal sealed record WebhookSubscriptionPayload(WebhookSubscription? Subscription, string? DeletedId, IReadOnlyList<BulkUserError> UserErrors);

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/payloads/WebhookSubscriptionCreatePayload</summary>
internal sealed class WebhookSubscriptionCreatePayloadGraphType : ObjectGraphType<WebhookSubscriptionPayload>
{
    public WebhookSubscriptionCreatePayloadGraphType()
    {
        Name = "WebhookSubscriptionCreatePayload";
        Description = "Return type for `webhookSubscriptionCreate` mutation.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorGraphType>>>>("userErrors").Description("The list of errors that occurred from executing the mutation.")
            .Resolve(context => context.Source.UserErrors);
        Field<WebhookSubscriptionGraphType>("webhookSubscription").Description("The webhook subscription that was created.")
            .Resolve(context => context.Source.Subscription);
    }
}

/// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/payloads/WebhookSubscriptionDeletePayload</summary>
internal sealed class WebhookSubscriptionDeletePayloadGraphType : ObjectGraphType<WebhookSubscriptionPayload>
{
    public WebhookSubscriptionDeletePayloadGraphType()
    {
        Name = "WebhookSubscriptionDeletePayload";
        Description = "Return type for `webhookSubscriptionDelete` mutation.";
        Field<IdGraphType>("deletedWebhookSubscriptionId").Description("The ID of the deleted webhook subscription.")
            .Resolve(context => context.Source.DeletedId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorGraphType>>>>("userErrors").Description("The list of errors that occurred from executing the mutation.")
            .Resolve(context => context.Source.UserErrors);
    }
}
