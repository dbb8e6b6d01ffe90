using ShopIngest.ShopifySimulator.Tests.Support;

namespace ShopIngest.ShopifySimulator.Tests.Webhooks;

/// <summary>
/// The faults of webhook delivery a receiver must survive, switched in PUT /_sim/shops/{shop}/faults: duplicates, late
/// deliveries overtaken by later ones, lost first attempts, and delivery turned off.
/// </summary>
public sealed class WebhookFaultTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_duplicated_delivery_arrives_twice_with_the_same_webhook_id_headers_and_body()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");
        await shop.SetFaultsAsync(new { webhookDuplicateRate = 1.0 });

        await shop.ChangeAsync(new { create = new { orders = 1 } });
        var copies = await app.WaitForTopicAsync("orders/create", 2);
        var stats = await shop.WaitUntilSettledAsync();

        Assert.Single(copies.Select(w => w.WebhookId).Distinct());
        Assert.Single(copies.Select(w => w.EventId).Distinct());
        Assert.Equal(copies[0].RawBody, copies[1].RawBody);
        Assert.All(copies, w => Assert.True(w.IsSignedWith(Support.Webhooks.Secret)));
        Assert.Equal(2, stats.Counter("webhooksDelivered"));
        Assert.Equal(1, stats.GetProperty("faultsInjected").Counter("webhookDuplicated"));
    }

    [Fact]
    public async Task A_delivery_held_back_is_overtaken_by_a_later_one()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "PRODUCTS_CREATE");

        await shop.SetFaultsAsync(new { webhookReorderRate = 1.0, webhookReorderDelayMs = 1_000 });
        var first = (await shop.ChangeAsync(new { create = new { products = 1 } })).GetProperty("created").GetProperty("products")[0].GetString();
        await shop.SetFaultsAsync(new { });
        var second = (await shop.ChangeAsync(new { create = new { products = 1 } })).GetProperty("created").GetProperty("products")[0].GetString();
        var received = await app.WaitForTopicAsync("products/create", 2);

        Assert.Equal([second, first], received.Select(w => w.Body.GetProperty("admin_graphql_api_id").GetString()));
    }

    [Fact]
    public async Task A_lost_first_attempt_counts_as_a_failure_and_the_retry_delivers_it_once()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");
        await shop.SetFaultsAsync(new { webhookDropFirstAttemptRate = 1.0 });

        await shop.ChangeAsync(new { create = new { orders = 2 } });
        await app.WaitForTopicAsync("orders/create", 2);
        var stats = await shop.WaitUntilSettledAsync();

        Assert.Equal(2, app.Received.Count);
        Assert.Equal(2, stats.Counter("webhookDeliveryFailures"));
        Assert.Equal(2, stats.Counter("webhooksDelivered"));
        Assert.Equal(2, stats.GetProperty("faultsInjected").Counter("webhookFirstAttemptDropped"));
    }

    [Fact]
    public async Task With_delivery_off_nothing_is_sent_and_what_was_triggered_meanwhile_is_never_sent()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_CREATE");

        await shop.SetFaultsAsync(new { webhookDeliveryOff = true });
        await shop.ChangeAsync(new { create = new { orders = 3 } });
        await shop.SetFaultsAsync(new { });
        var after = (await shop.ChangeAsync(new { create = new { orders = 1 } })).GetProperty("created").GetProperty("orders")[0].GetString();
        var received = await app.WaitForTopicAsync("orders/create");
        var stats = await shop.WaitUntilSettledAsync();

        Assert.Equal(after, Assert.Single(received).Body.GetProperty("admin_graphql_api_id").GetString());
        Assert.Equal(3, stats.Counter("webhooksSuppressed"));
    }

    [Fact]
    public async Task Webhook_fault_rates_out_of_range_are_refused()
    {
        var shop = await simulator.CreateShopAsync();

        using var response = await simulator.Http.PutAsJsonAsync($"/_sim/shops/{shop.Domain}/faults", new { webhookDuplicateRate = 1.5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("webhookDuplicateRate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
