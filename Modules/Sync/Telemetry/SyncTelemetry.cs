using System.Diagnostics;
using System.Diagnostics.Metrics;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Telemetry;

/// <summary>
/// A trace per tenant sync (its root names the tenant, the trigger and the replica) with a span per resource run (its
/// resource, mode, records and points) and per page, and the engine's metrics; ServiceDefaults exports every source and
/// meter named <c>ShopIngest.*</c>. The schedule's sweeps and the polls of lock waits are housekeeping and are not traced.
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
    private readonly Histogram<double> _lag;

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
        _lag = _meter.CreateHistogram<double>("shopingest.sync.lag", "s",
            "How long after its due time (its last scheduled start plus Sync:Interval) each scheduled shop sync started.");
    }

    /// <summary>The root of a tenant sync's trace (the schedule and Quartz run it outside any other).</summary>
    public static Activity? StartTenant(Guid tenantId, string trigger, string node)
    {
        var activity = ActivitySource.StartActivity("sync tenant");
        activity?.SetTag("shopingest.tenant_id", tenantId);
        activity?.SetTag("shopingest.sync.trigger", trigger);
        activity?.SetTag("shopingest.node", node);
        return activity;
    }

    public static Activity? StartRun(Guid tenantId, SyncResource resource, Guid runId)
    {
        var activity = ActivitySource.StartActivity($"sync {resource.Name}");
        activity?.SetTag("shopingest.tenant_id", tenantId);
        activity?.SetTag("shopingest.sync.resource", resource.Name);
        activity?.SetTag("shopingest.sync.run_id", runId);
        return activity;
    }

    /// <summary>What the run came to, on its span.</summary>
    public static void RunEnded(Activity? activity, RunSummary? summary)
    {
        if (activity is null || summary is null)
        {
            return;
        }

        activity.SetTag("shopingest.sync.mode", summary.Mode);
        activity.SetTag("shopingest.sync.records_fetched", summary.RecordsFetched);
        activity.SetTag("shopingest.sync.records", summary.RecordsUpserted);
        activity.SetTag("shopingest.sync.api_points", summary.ApiPoints);
    }

    /// <summary>A wait for the tenant's lock or for a slot, as one span however many times it polled.</summary>
    public static Activity? StartWait(string what) => Activity.Current is null ? null : ActivitySource.StartActivity($"sync wait for {what}");

    /// <summary>A scheduled sync started <paramref name="secondsLate"/> after its due time.</summary>
    public void ScheduledSyncStarted(double secondsLate) => _lag.Record(secondsLate);

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
