using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.UnitTests.Sync;

/// <summary>A clock whose every wait returns at once, having moved the clock on and written the wait down.</summary>
internal sealed class SleeplessTime : TimeProvider
{
    private readonly Lock _lock = new();
    private long _elapsedTicks;

    public List<TimeSpan> Sleeps { get; } = [];

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _elapsedTicks;
        }
    }

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            Sleeps.Add(dueTime);
            _elapsedTicks += dueTime.Ticks;
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Answers requests from a script, one answer per request, and keeps the requests.</summary>
internal sealed class ScriptedShopify(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _answers = new(answers);

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    /// <summary>Every later request gets this answer once the script has run out.</summary>
    public Func<HttpResponseMessage>? Otherwise { get; init; }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static string Cost(int requested, int? actual, double available, double restoreRate = 50)
    {
        var actualJson = actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
        var status = $$$"""{"maximumAvailable":2000.0,"currentlyAvailable":{{{available}}},"restoreRate":{{{restoreRate}}}}""";
        return $$$"""{"cost":{"requestedQueryCost":{{{requested}}},"actualQueryCost":{{{actualJson}}},"throttleStatus":{{{status}}}}}""";
    }

    public static HttpResponseMessage Throttled(int requested, double available, double restoreRate = 50) =>
        Json($$$"""{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{{{Cost(requested, null, available, restoreRate)}}}}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
        var answer = _answers.Count > 0 ? _answers.Dequeue() : Otherwise ?? throw new InvalidOperationException("The script has no answer left.");
        return answer();
    }
}

internal static class ShopifyClients
{
    public static readonly ShopAccess Shop = new("test-shop.myshopify.com", "shpat_test");

    public static ShopifyAdminClient Create(ScriptedShopify shopify, TimeProvider time, SyncOptions? options = null) => new(
        new HttpClient(shopify),
        Options.Create(new ShopifyOptions { BaseUrlTemplate = "http://shopify.test/shops/{shop}" }),
        Options.Create(options ?? new SyncOptions()),
        new ShopThrottles(time),
        time,
        NullLogger<ShopifyAdminClient>.Instance);
}
