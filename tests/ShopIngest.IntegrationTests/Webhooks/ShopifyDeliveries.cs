using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using ShopIngest.IntegrationTests.Infrastructure;
using ShopIngest.Modules.Shared.Data;
using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.IntegrationTests.Webhooks;

/// <summary>A delivery as the inbox holds it.</summary>
internal sealed record InboxRow(string WebhookId, string Topic, bool Processed, int Attempts, string? Error);

/// <summary>Webhook deliveries made the way Shopify makes them: signed with the shop's secret, with Shopify's headers.</summary>
internal static class ShopifyDeliveries
{
    public static string Sign(byte[] body, string secret) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A POST to /webhooks/shopify; <paramref name="signature"/> null signs it with <paramref name="secret"/>, "" sends none.</summary>
    public static HttpRequestMessage Request(
        string shop, string topic, string body, string secret, string? webhookId = null, string? signature = null, DateTimeOffset? triggeredAt = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Shop-Domain", shop);
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Triggered-At", (triggeredAt ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        request.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
        if (signature != "")
        {
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature ?? Sign(bytes, secret));
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(
        this AppHostFixture fixture, string shop, string topic, string body, string secret, string? webhookId = null, string? signature = null,
        DateTimeOffset? triggeredAt = null)
    {
        using var client = fixture.CreateHostClient();
        using var request = Request(shop, topic, body, secret, webhookId, signature, triggeredAt);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Stores a delivery in the tenant's inbox as the receiver stores it, but without a receiver: nothing wakes the
    /// processor, and no check of this Host's (the shop is known, not redacted) comes first. So does a delivery left
    /// pending by a Host that stopped, or one stored by another replica.
    /// </summary>
    public static async Task StoreWithoutTheReceiverAsync(AppHostFixture fixture, Guid tenantId, string topic, string body)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO sync.webhook_inbox (tenant_id, webhook_id, topic, received_at, payload, attempts)
            VALUES ($1, $2, $3, now(), $4, 0)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = topic });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The tenant's inbox, oldest first, read as the runtime role with the tenant set.</summary>
    public static async Task<List<InboxRow>> InboxAsync(AppHostFixture fixture, Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(RuntimeRole.ConnectionStringFor(await fixture.OwnerConnectionStringAsync()));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await transaction.SetTenantAsync(tenantId);
        await using var command = new NpgsqlCommand(
            "SELECT webhook_id, topic, processed_at IS NOT NULL, attempts, error FROM sync.webhook_inbox ORDER BY id", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<InboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new InboxRow(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>Waits until the tenant's inbox holds <paramref name="count"/> deliveries, all processed (bounded: three minutes).</summary>
    public static async Task<List<InboxRow>> WaitUntilProcessedAsync(AppHostFixture fixture, Guid tenantId, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var rows = await InboxAsync(fixture, tenantId);
            if (rows.Count >= count && rows.All(row => row.Processed))
            {
                return rows;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>Deliveries with this webhook id in anyone's inbox, counted as the database owner.</summary>
    public static async Task<long> CountEverywhereAsync(AppHostFixture fixture, string webhookId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM sync.webhook_inbox WHERE webhook_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = webhookId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A fixture of tests/ShopifyFixtures, as text.</summary>
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ShopifyFixtures", name));
}
