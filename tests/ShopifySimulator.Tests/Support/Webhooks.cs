namespace ShopIngest.ShopifySimulator.Tests.Support;

/// <summary>Subscribes to webhooks as a client does, and waits for what the simulator sends.</summary>
internal static class Webhooks
{
    public const string Secret = "shpss_test_secret_for_webhooks";

    public const string SubscriptionFields = "id topic format uri callbackUrl includeFields apiVersion { handle } createdAt";

    /// <summary>Runs webhookSubscriptionCreate and returns its payload: <c>webhookSubscription</c> and <c>userErrors</c>.</summary>
    public static async Task<JsonElement> CreateSubscriptionAsync(this ShopClient shop, string topic, object webhookSubscription)
    {
        const string Mutation = $$"""
            mutation Create($topic: WebhookSubscriptionTopic!, $subscription: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $subscription) {
                webhookSubscription { {{SubscriptionFields}} }
                userErrors { field message }
              }
            }
            """;
        return (await shop.DataAsync(Mutation, new { topic, subscription = webhookSubscription })).GetProperty("webhookSubscriptionCreate");
    }

    /// <summary>Subscribes <paramref name="uri"/> to <paramref name="topics"/>, each of which must be accepted.</summary>
    public static async Task SubscribeAsync(this ShopClient shop, string uri, params string[] topics)
    {
        foreach (var topic in topics)
        {
            var payload = await shop.CreateSubscriptionAsync(topic, new { uri, format = "JSON" });
            Assert.True(payload.GetProperty("userErrors").GetArrayLength() == 0, $"{topic} should have been accepted: {payload}");
        }
    }

    /// <summary>A shop whose webhooks are signed with <see cref="Secret"/> and retried quickly.</summary>
    public static async Task<ShopClient> CreateWebhookShopAsync(this SimulatorFixture simulator, ShopSpec? spec = null)
    {
        var shop = await simulator.CreateShopAsync((spec ?? new ShopSpec()) with { WebhookSecret = Secret });
        await shop.ChangeSettingsAsync(new { webhookRetryBaseDelayMs = 50 });
        return shop;
    }

    public static async Task<JsonElement> WebhookStatsAsync(this ShopClient shop) =>
        (await shop.StatsAsync()).GetProperty("stats");

    /// <summary>Waits until nothing is pending: every delivery was delivered or given up.</summary>
    public static async Task<JsonElement> WaitUntilSettledAsync(this ShopClient shop)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var stats = await shop.WebhookStatsAsync();
            if (stats.Counter("webhooksPending") == 0)
            {
                return stats;
            }

            Assert.True(DateTime.UtcNow < deadline, $"deliveries were still pending after 20 s: {stats}");
            await Task.Delay(20);
        }
    }

    public static long Counter(this JsonElement stats, string counter) => stats.GetProperty(counter).GetInt64();
}
