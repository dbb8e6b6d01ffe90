using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// Sends one attempt of a delivery as Shopify does (https://shopify.dev/docs/api/webhooks, "Headers";
/// https://shopify.dev/docs/apps/build/webhooks/delivery-structure): a POST of the JSON body with
/// <c>X-Shopify-Topic</c>, <c>X-Shopify-Hmac-Sha256</c> (the base64 HMAC-SHA256 of the raw body keyed with the app's
/// secret), <c>X-Shopify-Shop-Domain</c>, <c>X-Shopify-API-Version</c>, <c>X-Shopify-Webhook-Id</c>,
/// <c>X-Shopify-Triggered-At</c> and <c>X-Shopify-Event-Id</c>. Only a 2xx answer within the timeout counts as delivered;
/// a redirect is not followed and counts as a failure. The connection must open within a second, as Shopify's must.
/// </summary>
internal sealed class WebhookSender(ILogger<WebhookSender> logger) : IDisposable
{
    public const string UserAgent = "Shopify-Captain-Hook";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the simulator stops: waits and attempts end with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The value of <c>X-Shopify-Hmac-Sha256</c> for a body.</summary>
    public static string Signature(byte[] body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    /// <returns>Whether the receiver answered 2xx within <paramref name="timeout"/>.</returns>
    public async Task<bool> SendAsync(string shopDomain, WebhookDelivery delivery, string secret, TimeSpan timeout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Uri) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Add("X-Shopify-Topic", delivery.Message.Topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", Signature(delivery.Body, secret));
        request.Headers.Add("X-Shopify-Shop-Domain", shopDomain);
        request.Headers.Add("X-Shopify-API-Version", delivery.ApiVersion);
        request.Headers.Add("X-Shopify-Webhook-Id", delivery.WebhookId);
        request.Headers.Add("X-Shopify-Triggered-At", delivery.Message.TriggeredAtHeader);
        request.Headers.Add("X-Shopify-Event-Id", delivery.Message.EventId);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            logger.LogDebug("{Topic} to {Uri} answered {Status}", delivery.Message.Topic, delivery.Uri, (int)response.StatusCode);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug("{Topic} to {Uri} failed: {Reason}", delivery.Message.Topic, delivery.Uri, e.Message);
            return false;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }
}
