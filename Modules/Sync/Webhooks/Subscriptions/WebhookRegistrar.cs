using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Webhooks.Topics;

namespace ShopIngest.Modules.Sync.Webhooks.Subscriptions;

/// <summary>How one topic's subscription stands after registering.</summary>
/// <param name="Topic">The topic, e.g. <c>orders/create</c>.</param>
/// <param name="Status"><see cref="WebhookRegistrar.Existing"/>, <see cref="WebhookRegistrar.Created"/> or <see cref="WebhookRegistrar.Refused"/>.</param>
/// <param name="Message">Shopify's reason for a refusal.</param>
internal sealed record TopicSubscription(string Topic, string Status, string? Message);

/// <summary>What registering did: the address subscribed, each topic's subscription, and how many stale ones were removed.</summary>
internal sealed record WebhookRegistration(string CallbackUrl, IReadOnlyList<TopicSubscription> Topics, int Removed);

/// <summary><see cref="WebhookOptions.PublicBaseUrl"/> is not set: there is no address to subscribe.</summary>
internal sealed class WebhooksNotConfiguredException()
    : InvalidOperationException("Webhooks:PublicBaseUrl is not set on this server, so shops are not subscribed to webhooks; polling alone keeps the data.");

/// <summary>
/// Subscribes a shop to every topic ShopIngest applies at <see cref="WebhookOptions.CallbackUrl"/>, idempotently: it
/// lists the app's subscriptions first, creates only those missing (all in one mutation), and then removes the ones of
/// these topics that point elsewhere (a former address), so deliveries never stop in between. The compliance topics are
/// not among them: Shopify takes those only from the app's configuration. Calls go through the Admin client, with its
/// throttle, retries and classification of Shopify's answers; a failure is a <see cref="ShopifyException"/>.
/// </summary>
internal sealed class WebhookRegistrar(ShopifyAdminClient client, TenantDirectoryScopes directory, IOptions<WebhookOptions> options)
{
    public const string Existing = "EXISTING";
    public const string Created = "CREATED";
    public const string Refused = "REFUSED";

    private const int ListPageSize = 100;

    /// <summary>A mutation field costs 10 points (https://shopify.dev/docs/api/usage/limits#cost-calculation).</summary>
    private const int MutationCost = 10;

    private static readonly string ListQuery = $$"""
        query WebhookSubscriptions($after: String) {
          shop { currencyCode ianaTimezone }
          webhookSubscriptions(first: {{ListPageSize}}, after: $after, topics: [{{string.Join(", ", ShopifyTopics.Subscribed.Select(t => t.EnumValue))}}]) {
            nodes { id topic uri }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public async Task<WebhookRegistration> RegisterAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var callbackUrl = options.Value.CallbackUrl ?? throw new WebhooksNotConfiguredException();
        var credentials = await directory.UseAsync(tenantId, shops => shops.GetCredentialsAsync(tenantId, cancellationToken))
            ?? throw new InvalidOperationException($"Tenant {tenantId} is not registered.");
        var shop = new ShopAccess(credentials.ShopDomain, credentials.AccessToken);

        var existing = await ListAsync(shop, tenantId, credentials, cancellationToken);
        var missing = ShopifyTopics.Subscribed.Where(topic => !existing.Any(s => s.Topic == topic.EnumValue && s.Uri == callbackUrl)).ToList();
        var created = await CreateAsync(shop, missing, callbackUrl, cancellationToken);
        if (created.Values.Any(topic => topic.Status == Refused))
        {
            // Another registration of the shop (the one queued at sign-up, another replica's) may have made them meanwhile.
            var now = await ListAsync(shop, tenantId, credentials, cancellationToken);
            foreach (var (enumValue, topic) in created.Where(c => c.Value.Status == Refused).ToList())
            {
                if (now.Any(s => s.Topic == enumValue && s.Uri == callbackUrl))
                {
                    created[enumValue] = topic with { Status = Existing, Message = null };
                }
            }
        }

        var stale = existing.Where(s => s.Uri != callbackUrl).Select(s => s.Id).ToList();
        var removed = await DeleteAsync(shop, stale, cancellationToken);

        return new WebhookRegistration(callbackUrl, [.. ShopifyTopics.Subscribed.Select(topic => created.GetValueOrDefault(topic.EnumValue)
            ?? new TopicSubscription(topic.Name, Existing, null))], removed);
    }

    /// <summary>The app's subscriptions to these topics; the shop's currency and time zone, read on the way, are recorded.</summary>
    private async Task<List<WebhookSubscriptionNode>> ListAsync(ShopAccess shop, Guid tenantId, ShopCredentials credentials, CancellationToken cancellationToken)
    {
        var subscriptions = new List<WebhookSubscriptionNode>();
        string? after = null;
        ShopDetails? details = null;
        do
        {
            var result = await client.QueryAsync(shop, new ShopifyRequest(ListQuery, new Dictionary<string, object?> { ["after"] = after },
                    QueryCosts.Object + QueryCosts.ConnectionCost(ListPageSize, QueryCosts.Object)),
                ShopifyJsonContext.Default.GraphQLResponseWebhookSubscriptionsData, cancellationToken);
            details ??= result.Data.Shop;
            var page = result.Data.WebhookSubscriptions;
            subscriptions.AddRange(page.Nodes);
            after = page.PageInfo.HasNextPage ? page.PageInfo.EndCursor : null;
        }
        while (after is not null);

        if (details is { } shopDetails && (shopDetails.CurrencyCode != credentials.Currency || shopDetails.IanaTimezone != credentials.TimeZone))
        {
            await directory.UseAsync(tenantId, shops => shops.RecordShopDetailsAsync(tenantId, shopDetails.CurrencyCode, shopDetails.IanaTimezone, cancellationToken));
        }

        return subscriptions;
    }

    /// <summary>One mutation with an aliased <c>webhookSubscriptionCreate</c> per topic; each topic's outcome by its enum value.</summary>
    private async Task<Dictionary<string, TopicSubscription>> CreateAsync(
        ShopAccess shop, List<(string Name, string EnumValue)> topics, string callbackUrl, CancellationToken cancellationToken)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        // Topics are enum values of our own list, never input, so they are written into the document.
        var mutation = new StringBuilder("mutation Subscribe($uri: String!) {");
        for (var i = 0; i < topics.Count; i++)
        {
            mutation.Append(CultureInfo.InvariantCulture, $$"""
                 t{{i}}: webhookSubscriptionCreate(topic: {{topics[i].EnumValue}}, webhookSubscription: { uri: $uri, format: JSON }) {
                  webhookSubscription { id topic uri } userErrors { field message } }
                """);
        }

        mutation.Append('}');
        var result = await client.QueryAsync(shop, new ShopifyRequest(mutation.ToString(), new Dictionary<string, object?> { ["uri"] = callbackUrl },
                MutationCost * topics.Count),
            ShopifyJsonContext.Default.GraphQLResponseDictionaryStringSubscriptionChangePayload, cancellationToken);

        var outcomes = new Dictionary<string, TopicSubscription>();
        for (var i = 0; i < topics.Count; i++)
        {
            var payload = result.Data.GetValueOrDefault($"t{i}");
            outcomes[topics[i].EnumValue] = payload?.WebhookSubscription is not null
                ? new TopicSubscription(topics[i].Name, Created, null)
                : new TopicSubscription(topics[i].Name, Refused, payload?.UserErrors is [var first, ..] ? first.Message : "Shopify created no subscription and gave no reason.");
        }

        return outcomes;
    }

    /// <summary>Removes subscriptions by id in one mutation; returns how many Shopify removed.</summary>
    private async Task<int> DeleteAsync(ShopAccess shop, List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var variables = new Dictionary<string, object?>();
        var declarations = new List<string>();
        var fields = new StringBuilder();
        for (var i = 0; i < ids.Count; i++)
        {
            variables[$"id{i}"] = ids[i];
            declarations.Add($"$id{i}: ID!");
            fields.Append(CultureInfo.InvariantCulture, $" d{i}: webhookSubscriptionDelete(id: $id{i}) {{ deletedWebhookSubscriptionId userErrors {{ field message }} }}");
        }

        var result = await client.QueryAsync(shop, new ShopifyRequest($"mutation Unsubscribe({string.Join(", ", declarations)}) {{{fields} }}", variables,
                MutationCost * ids.Count),
            ShopifyJsonContext.Default.GraphQLResponseDictionaryStringSubscriptionChangePayload, cancellationToken);
        return result.Data.Values.Count(payload => payload?.DeletedWebhookSubscriptionId is not null);
    }

}
