using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShopIngest.ShopifySimulator.Tests.Support;

/// <summary>
/// A tiny app on a loopback port that takes webhook deliveries as a Shopify app would, records each with its headers and
/// raw body, and answers as the test tells it: 200 by default, or another status, or late.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    // Deliveries counted as they arrive, before they are answered: a retry may come while an earlier attempt is slow.
    private readonly ConcurrentDictionary<string, int> _arrivals = new();
    private WebApplication? _app;

    /// <summary>How to answer a delivery, given how many deliveries with its webhook id arrived before it (0 for the first).</summary>
    public Func<ReceivedWebhook, int, Answer> Respond { get; set; } = (_, _) => Answer.Ok;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{**path}", receiver.TakeAsync);
        await app.StartAsync();
        receiver._app = app;
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>An address on this receiver, such as <c>http://127.0.0.1:1234/webhooks/orders</c>.</summary>
    public string Url(string path = "/webhooks") => BaseUrl + path;

    /// <summary>Waits until the deliveries received satisfy <paramref name="condition"/>, and returns them.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string awaited)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience.TotalSeconds} s for {awaited}; received {Describe(received)}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for <paramref name="count"/> deliveries of <paramref name="topic"/>.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForTopicAsync(string topic, int count = 1) =>
        WaitForAsync(received => received.Count(w => w.Topic == topic) >= count, $"{count} {topic}");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static string Describe(IReadOnlyList<ReceivedWebhook> received) =>
        received.Count == 0 ? "nothing" : string.Join(", ", received.Select(w => w.Topic));

    private async Task TakeAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var webhook = new ReceivedWebhook(
            http.Request.Path,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(),
            DateTimeOffset.UtcNow);
        var earlier = _arrivals.AddOrUpdate(webhook.WebhookId, 0, (_, count) => count + 1);
        var answer = Respond(webhook, earlier);
        if (answer.DelayMs > 0)
        {
            await Task.Delay(answer.DelayMs);
        }

        _received.Enqueue(webhook with { AnsweredStatus = answer.Status });
        http.Response.StatusCode = answer.Status;
    }

    /// <param name="Status">The HTTP status to answer.</param>
    /// <param name="DelayMs">How long to take before answering.</param>
    public sealed record Answer(int Status, int DelayMs = 0)
    {
        public static Answer Ok { get; } = new(200);
    }
}

/// <summary>One delivery as the receiver took it.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] RawBody, DateTimeOffset At)
{
    /// <summary>What the receiver answered: a delivery answered other than 2xx is retried.</summary>
    public int AnsweredStatus { get; init; }

    public string Topic => Header("X-Shopify-Topic");

    public string WebhookId => Header("X-Shopify-Webhook-Id");

    public string EventId => Header("X-Shopify-Event-Id");

    public JsonElement Body => JsonDocument.Parse(RawBody).RootElement;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>Verifies X-Shopify-Hmac-Sha256 as an app must: the base64 HMAC-SHA256 of the raw body, compared in constant time.</summary>
    public bool IsSignedWith(string secret)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), RawBody);
        byte[] given;
        try
        {
            given = Convert.FromBase64String(Header("X-Shopify-Hmac-Sha256"));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
