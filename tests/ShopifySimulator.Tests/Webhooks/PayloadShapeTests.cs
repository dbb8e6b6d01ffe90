using System.Globalization;
using System.Text;
using ShopIngest.ShopifySimulator.Tests.Support;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.Tests.Webhooks;

/// <summary>
/// The simulator's webhook bodies held to the documented ones (tests/ShopifyFixtures/webhooks): every field it sends is a
/// field of the topic's sample, at the same place, with the same JSON kind; money and times are written as REST writes
/// them.
/// </summary>
public sealed class PayloadShapeTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Topics => new()
    {
        { "orders/create", "orders-create.json" },
        { "orders/updated", "orders-create.json" },
        { "products/create", "products-update.json" },
        { "products/update", "products-update.json" },
        { "customers/create", "customers-create.json" },
        { "orders/delete", "orders-delete.json" },
        { "products/delete", "products-delete.json" },
        { "customers/delete", "customers-delete.json" },
        { "shop/update", "shop-update.json" },
    };

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task Every_field_sent_is_a_documented_field_of_the_topic_with_the_documented_kind(string topic, string fixture)
    {
        var body = await DeliveredBodyAsync(topic);
        var documented = Fixture(fixture);

        Assert.Empty(Undocumented(body, documented, "$"));
        Assert.True(body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number, $"{topic} should carry a numeric id: {body}");
    }

    [Fact]
    public async Task An_order_carries_money_with_two_decimals_in_shop_and_presentment_sets_and_times_with_the_shops_offset()
    {
        var order = await DeliveredBodyAsync("orders/create");

        Assert.Matches(@"^\d+\.\d{2}$", order.GetProperty("total_price").GetString());
        Assert.Matches(@"^\d+\.\d{2}$", order.GetProperty("current_total_price_set").GetProperty("shop_money").GetProperty("amount").GetString());
        Assert.Equal("USD", order.GetProperty("total_price_set").GetProperty("shop_money").GetProperty("currency_code").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", order.GetProperty("updated_at").GetString());
        Assert.StartsWith("gid://shopify/Order/", order.GetProperty("admin_graphql_api_id").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[a-z_]+$", order.GetProperty("financial_status").GetString());
    }

    [Fact]
    public async Task An_orders_amounts_and_time_in_the_body_are_those_the_Admin_API_answers_for_it()
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), "ORDERS_UPDATED");

        var gid = (await shop.ChangeAsync(new { refund = new { orders = 1 } })).GetProperty("refunded")[0].GetString();
        var body = (await app.WaitForTopicAsync("orders/updated"))[0].Body;
        var order = (await shop.DataAsync(
            "query O($id: ID!) { order(id: $id) { legacyResourceId updatedAt totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } } }",
            new { id = gid })).GetProperty("order");

        Assert.Equal(long.Parse(order.GetProperty("legacyResourceId").GetString()!, CultureInfo.InvariantCulture), body.GetProperty("id").GetInt64());
        Assert.Equal(order.GetProperty("totalPriceSet").Amount(), Amount(body, "total_price"));
        Assert.Equal(order.GetProperty("currentTotalPriceSet").Amount(), Amount(body, "current_total_price"));
        Assert.Equal(order.Time("updatedAt"), DateTimeOffset.Parse(body.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_documented_signed_delivery_verifies_with_its_secret_as_the_simulator_signs()
    {
        var delivery = Fixture("signed-delivery.json");
        var body = Encoding.UTF8.GetBytes(delivery.GetProperty("body").GetString()!);
        var received = new ReceivedWebhook(
            "/",
            delivery.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase),
            body,
            DateTimeOffset.UtcNow);

        Assert.True(received.IsSignedWith(delivery.GetProperty("secret").GetString()!));
        Assert.Equal(Signature(body, delivery.GetProperty("secret").GetString()!), received.Header("X-Shopify-Hmac-Sha256"));
    }

    /// <summary>How the simulator signs a body.</summary>
    private static string Signature(byte[] body, string secret) => WebhookSender.Signature(body, secret);

    private static decimal Amount(JsonElement body, string field) =>
        decimal.Parse(body.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ShopifyFixtures", "webhooks", name))).RootElement;

    /// <summary>The paths in <paramref name="sent"/> that the documented body has not, or has with another JSON kind (null aside).</summary>
    private static IEnumerable<string> Undocumented(JsonElement sent, JsonElement documented, string path)
    {
        foreach (var field in sent.EnumerateObject())
        {
            var at = $"{path}.{field.Name}";
            if (!documented.TryGetProperty(field.Name, out var expected))
            {
                yield return $"{at} is not in the documented body";
                continue;
            }

            var kinds = (field.Value.ValueKind, expected.ValueKind);
            if (kinds.Item1 == JsonValueKind.Null || kinds.Item2 == JsonValueKind.Null)
            {
                continue;
            }

            if (Kind(kinds.Item1) != Kind(kinds.Item2))
            {
                yield return $"{at} is {kinds.Item1} where the documented body has {kinds.Item2}";
            }
            else if (kinds.Item1 == JsonValueKind.Object)
            {
                foreach (var problem in Undocumented(field.Value, expected, at))
                {
                    yield return problem;
                }
            }
            else if (kinds.Item1 == JsonValueKind.Array && expected.GetArrayLength() > 0 && expected[0].ValueKind == JsonValueKind.Object)
            {
                foreach (var item in field.Value.EnumerateArray())
                {
                    foreach (var problem in Undocumented(item, expected[0], at + "[]"))
                    {
                        yield return problem;
                    }
                }
            }
        }
    }

    private static JsonValueKind Kind(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private async Task<JsonElement> DeliveredBodyAsync(string topic)
    {
        await using var app = await WebhookReceiver.StartAsync();
        var shop = await simulator.CreateWebhookShopAsync();
        await shop.SubscribeAsync(app.Url(), topic.ToUpperInvariant().Replace('/', '_'));
        object change = topic switch
        {
            "orders/updated" or "products/update" => new { update = new { orders = 1, products = 1 } },
            "orders/delete" or "products/delete" or "customers/delete" => new { delete = new { orders = 1, products = 1, customers = 1 } },
            "shop/update" => new { shop = new { timezone = "Europe/Paris" } },
            _ => new { create = new { orders = 1, products = 1, customers = 1 } },
        };
        await shop.ChangeAsync(change);
        return (await app.WaitForTopicAsync(topic))[0].Body;
    }
}
