using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.IntegrationTests.Webhooks;
using Xunit.Abstractions;

namespace ShopIngest.IntegrationTests.Security;

/// <summary>
/// Malformed and hostile deliveries at <c>/webhooks/shopify</c>: each is answered with a 4xx, or with 200 when it is
/// stored and then given up with its reason; never with a 5xx. None changes the shop's data.
/// </summary>
[Collection(AppHostTests.Name)]
public sealed class WebhookBadInputTests(AppHostFixture fixture, ITestOutputHelper output)
{
    private const string Secret = "shpss_bad_input_secret";

    [Fact]
    public async Task Bad_deliveries_get_client_errors_or_are_given_up_and_change_no_data()
    {
        var tenant = await fixture.SignUpAsync(webhookSecret: Secret);
        var before = await FingerprintAsync(tenant.Id);
        var wrong = new List<string>();
        var inputs = Inputs(tenant.Shop).ToList();

        foreach (var input in inputs)
        {
            using var client = fixture.CreateHostClient();
            using var request = input.Request();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500 || !(input.Expected.Contains(status)))
            {
                wrong.Add($"{input.Name}: answered {status}, expected {string.Join(" or ", input.Expected)}: {(body.Length > 200 ? body[..200] : body)}");
            }
        }

        output.WriteLine($"{inputs.Count} bad deliveries tried; {wrong.Count} answered wrongly.");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));

        // What was stored (signed, JSON, but not what its topic carries) is given up with a reason, and applies nothing.
        var stored = await ShopifyDeliveries.WaitUntilProcessedAsync(fixture, tenant.Id, inputs.Count(i => i.Expected.SequenceEqual([200]) && i.Stored));
        Assert.All(stored, row => Assert.False(string.IsNullOrEmpty(row.Error), $"{row.Topic} was applied"));
        Assert.Equal(before, await FingerprintAsync(tenant.Id));
    }

    private static IEnumerable<BadDelivery> Inputs(string shop)
    {
        var order = ShopifyDeliveries.Fixture("webhooks/orders-create.json");
        int[] badRequest = [400];
        int[] unauthorized = [401];
        int[] stored = [200];

        // Signed with the right secret, but not a JSON object.
        foreach (var (name, body) in new[]
        {
            ("malformed JSON", "{ \"id\": "),
            ("a JSON array", "[1, 2, 3]"),
            ("a JSON string", "\"{}\""),
            ("null", "null"),
            ("two objects", "{} {}"),
            ("an empty body", ""),
            ("deep JSON", "{\"a\": " + new string('[', 5_000) + new string(']', 5_000) + "}"),
            ("a NUL in a string", "{\"id\": 1, \"title\": \"a\\u0000b\"}"),
            ("trailing garbage", order + "garbage"),
        })
        {
            yield return Signed(shop, name, "orders/create", Encoding.UTF8.GetBytes(body), badRequest);
        }

        yield return Signed(shop, "invalid UTF-8", "orders/create", [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}")], badRequest);

        // Signed JSON objects that are not what their topic carries: stored, answered 200, then given up.
        foreach (var (name, topic, body) in new[]
        {
            ("an order without fields", "orders/create", "{}"),
            ("an order with an id past bigint", "orders/updated", "{\"id\": 99999999999999999999, \"updated_at\": \"2025-01-01T00:00:00Z\"}"),
            ("an order with a negative id", "orders/updated", order.Replace("\"id\": 820982911946154508", "\"id\": -5", StringComparison.Ordinal)),
            ("an order with a float amount", "orders/updated", order.Replace("\"total_price\": \"404.95\"", "\"total_price\": 1e400", StringComparison.Ordinal)
                .Replace("\"total_price_set\"", "\"total_price_set_ignored\"", StringComparison.Ordinal)),
            ("a product whose variants are a string", "products/update", "{\"id\": 1, \"title\": \"t\", \"handle\": \"h\", \"status\": \"active\", \"created_at\": \"2025-01-01T00:00:00Z\", \"updated_at\": \"2025-01-01T00:00:00Z\", \"variants\": \"x\"}"),
            ("a customer with a date that is not one", "customers/update", "{\"id\": 7, \"created_at\": \"yesterday\", \"updated_at\": \"today\"}"),
            ("a topic ShopIngest does not apply", "themes/publish", "{\"id\": 1}"),
            ("a hostile topic", "'; DROP TABLE sales.orders; --", "{\"id\": 1}"),
        })
        {
            yield return Signed(shop, name, topic, Encoding.UTF8.GetBytes(body), stored) with { Stored = true };
        }

        var valid = Encoding.UTF8.GetBytes(order);

        // Headers missing or wrong.
        yield return new BadDelivery("no shop domain", badRequest, () => Delivery(null, "orders/create", valid, Sign(valid)));
        yield return new BadDelivery("a hostile shop domain", [200], () => Delivery("' OR '1'='1", "orders/create", valid, Sign(valid)));
        yield return new BadDelivery("a 10 KB shop domain", badRequest, () => Delivery(new string('a', 10_000) + ".myshopify.com", "orders/create", valid, Sign(valid)));
        yield return new BadDelivery("no signature", unauthorized, () => Delivery(shop, "orders/create", valid, null));
        yield return new BadDelivery("an empty signature", unauthorized, () => Delivery(shop, "orders/create", valid, ""));
        yield return new BadDelivery("a signature of the wrong length", unauthorized, () => Delivery(shop, "orders/create", valid, Convert.ToBase64String(new byte[16])));
        yield return new BadDelivery("two signatures", unauthorized, () =>
        {
            var request = Delivery(shop, "orders/create", valid, Sign(valid));
            request.Headers.Add("X-Shopify-Hmac-Sha256", Sign(valid));
            return request;
        });
        yield return new BadDelivery("no topic", badRequest, () => Delivery(shop, null, valid, Sign(valid)));
        yield return new BadDelivery("no webhook id", badRequest, () => Delivery(shop, "orders/create", valid, Sign(valid), webhookId: ""));
        yield return new BadDelivery("a 1 KB webhook id", badRequest, () => Delivery(shop, "orders/create", valid, Sign(valid), webhookId: new string('w', 1024)));
        yield return new BadDelivery("a 1 KB topic", badRequest, () => Delivery(shop, new string('t', 1024), valid, Sign(valid)));
        yield return new BadDelivery("a 1 KB API version", badRequest, () =>
        {
            var request = Delivery(shop, "orders/create", valid, Sign(valid));
            request.Headers.Remove("X-Shopify-API-Version");
            request.Headers.Add("X-Shopify-API-Version", new string('v', 1024));
            return request;
        });
        var empty = Encoding.UTF8.GetBytes("{}");
        yield return new BadDelivery("a triggered-at that is not a time", [200], () =>
        {
            var request = Delivery(shop, "orders/create", empty, Sign(empty));
            request.Headers.Remove("X-Shopify-Triggered-At");
            request.Headers.Add("X-Shopify-Triggered-At", "the day before yesterday");
            return request;
        }) { Stored = true };

        // Content types Shopify never sends.
        yield return new BadDelivery("plain text", [415], () => Delivery(shop, "orders/create", valid, Sign(valid), mediaType: "text/plain"));
        yield return new BadDelivery("a form", [415], () => Delivery(shop, "orders/create", valid, Sign(valid), mediaType: "application/x-www-form-urlencoded"));
        yield return new BadDelivery("no content type", [415], () => Delivery(shop, "orders/create", valid, Sign(valid), mediaType: null));

        // Bodies past the webhook limit (1 MB), declared or not.
        var huge = Encoding.UTF8.GetBytes("{\"pad\": \"" + new string('x', 2 * 1024 * 1024) + "\"}");
        yield return new BadDelivery("a 2 MB body", [413], () => Delivery(shop, "orders/create", huge, Sign(huge), expectContinue: true));
        yield return new BadDelivery("a 2 MB body of unknown length", [413], () =>
        {
            var request = Delivery(shop, "orders/create", huge, Sign(huge), expectContinue: true);
            request.Content = new StreamContent(new MemoryStream(huge));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TransferEncodingChunked = true;
            return request;
        });

        // Not a delivery at all.
        yield return new BadDelivery("GET", [405], () => new HttpRequestMessage(HttpMethod.Get, "/webhooks/shopify"));
        yield return new BadDelivery("a bearer token instead of a signature", unauthorized, () =>
        {
            var request = Delivery(shop, "orders/create", valid, null);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x.y.z");
            return request;
        });
    }

    private static BadDelivery Signed(string shop, string name, string topic, byte[] body, int[] expected) =>
        new($"signed {name}", expected, () => Delivery(shop, topic, body, Sign(body)));

    private static string Sign(byte[] body) => ShopifyDeliveries.Sign(body, Secret);

    private static HttpRequestMessage Delivery(
        string? shop, string? topic, byte[] body, string? signature, string? webhookId = null, string? mediaType = "application/json", bool expectContinue = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(body) };
        if (mediaType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        // A large upload waits for the server's go-ahead, so that its 413 never races the body.
        request.Headers.ExpectContinue = expectContinue;
        Add(request, "X-Shopify-Shop-Domain", shop);
        Add(request, "X-Shopify-Topic", topic);
        Add(request, "X-Shopify-Hmac-Sha256", signature);
        Add(request, "X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        Add(request, "X-Shopify-API-Version", "2025-10");
        Add(request, "X-Shopify-Triggered-At", "2025-07-10T16:15:47.000000Z");
        return request;
    }

    private static void Add(HttpRequestMessage request, string header, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
    }

    /// <summary>The tenant's data in every module but the inbox, as text: any change to it changes this.</summary>
    private async Task<string> FingerprintAsync(Guid tenantId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws(' | ',
                (SELECT md5(t::text) FROM identity.tenants t WHERE t.id = $1),
                (SELECT md5(string_agg(o::text, ',' ORDER BY o.shopify_id)) FROM sales.orders o WHERE o.tenant_id = $1),
                (SELECT md5(string_agg(c::text, ',' ORDER BY c.shopify_id)) FROM sales.customers c WHERE c.tenant_id = $1),
                (SELECT md5(string_agg(d::text, ',' ORDER BY d.day)) FROM sales.daily_sales d WHERE d.tenant_id = $1),
                (SELECT md5(string_agg(p::text, ',' ORDER BY p.shopify_id)) FROM catalog.products p WHERE p.tenant_id = $1))
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed record BadDelivery(string Name, int[] Expected, Func<HttpRequestMessage> Request)
    {
        /// <summary>Accepted into the inbox (answered 200) and given up when applied.</summary>
        public bool Stored { get; init; }
    }
}
