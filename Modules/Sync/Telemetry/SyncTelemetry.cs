using System.Diagnostics;
using System.Diagnostics.Metrics;
using ShopIngest.Modules.Sync.Resources;

namespace ShopIngest.Modules.Sync.Telemetry;

/// <summary>
/// A trace per tenant sync with a span per resource run and per page, and the engine's metrics; ServiceDefaults
/// exports every source and meter named <c>ShopIngest.*</c>.
/// </summary>
internal sealed class SyncTelemetry : IDisposable
{
    public const string Name = "ShopIngest.Sync";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _records;
    private readonly Counter<long> _points;
    private readonly Counter<long> _pages;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _throttleWait;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _failures;

    public SyncTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _records = _meter.CreateCounter<long>("shopingest.sync.records", "{record}", "Records written to the database by sync runs.");
        _points = _meter.CreateCounter<long>("shopingest.sync.api_points", "{point}", "Shopify API points spent (actualQueryCost).");
        _pages = _meter.CreateCounter<long>("shopingest.sync.pages", "{page}", "Pages fetched and written.");
        _throttled = _meter.CreateCounter<long>("shopingest.sync.throttled", "{response}", "THROTTLED or 429 answers from Shopify.");
        _throttleWait = _meter.CreateHistogram<double>("shopingest.sync.throttle_wait", "s", "Time spent waiting for a shop's API bucket, per write of one or more pages.");
        _runDuration = _meter.CreateHistogram<double>("shopingest.sync.run.duration", "s", "Duration of sync runs.");
        _failures = _meter.CreateCounter<long>("shopingest.sync.run.failures", "{run}", "Sync runs that failed.");
    }

    public static Activity? StartTenant(Guid tenantId, string trigger)
    {
        var activity = ActivitySource.StartActivity("sync tenant");
        activity?.SetTag("shopingest.tenant_id", tenantId);
        activity?.SetTag("shopingest.sync.trigger", trigger);
        return activity;
    }

    public static Activity? StartRun(SyncResource resource, Guid runId)
    {
        var activity = ActivitySource.StartActivity($"sync {resource.Name}");
        activity?.SetTag("shopingest.sync.resource", resource.Name);
        activity?.SetTag("shopingest.sync.run_id", runId);
        return activity;
    }

    /// <summary>A page fetched from Shopify.</summary>
    public static Activity? StartPage(SyncResource resource, int number)
    {
        var activity = ActivitySource.StartActivity($"sync {resource.Name} page");
        activity?.SetTag("shopingest.sync.page", number);
        return activity;
    }

    /// <summary>A stage of a bulk export: <c>export</c> (waiting for Shopify), <c>download</c> (staging its file) or <c>ingest</c>.</summary>
    public static Activity? StartBulkStage(string stage, SyncResource resource) =>
        ActivitySource.StartActivity($"sync {resource.Name} bulk {stage}");

    /// <summary>Pages written to the database, with the checkpoint, in one transaction.</summary>
    public static Activity? StartWrite(SyncResource resource, int pages, int records)
    {
        var activity = ActivitySource.StartActivity($"sync {resource.Name} write");
        activity?.SetTag("shopingest.sync.pages", pages);
        activity?.SetTag("shopingest.sync.records", records);
        return activity;
    }

    public void BatchWritten(SyncResource resource, int pages, int recordsWritten, Shopify.ShopifyUsage usage)
    {
        var tag = new KeyValuePair<string, object?>("resource", resource.Name);
        _pages.Add(pages, tag);
        _records.Add(recordsWritten, tag);
        _points.Add(usage.PointsSpent, tag);
        _throttled.Add(usage.ThrottledResponses, tag);
        _throttleWait.Record(usage.ThrottleWait.TotalSeconds, tag);
    }

    public void RunFinished(SyncResource resource, bool succeeded, TimeSpan duration)
    {
        var resourceTag = new KeyValuePair<string, object?>("resource", resource.Name);
        _runDuration.Record(duration.TotalSeconds, resourceTag, new KeyValuePair<string, object?>("status", succeeded ? "succeeded" : "failed"));
        if (!succeeded)
        {
            _failures.Add(1, resourceTag);
        }
    }

    public void Dispose() => _meter.Dispose();
}
