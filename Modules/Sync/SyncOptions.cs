using System.ComponentModel.DataAnnotations;

namespace ShopIngest.Modules.Sync;

/// <summary>How often and how hard ShopIngest pulls from Shopify (section <c>Sync</c>).</summary>
public sealed class SyncOptions : IValidatableObject
{
    public const string Section = "Sync";

    /// <summary>
    /// The schedule's promise: each enabled shop's scheduled sync starts this long after its last one started, once
    /// across all replicas, and never sooner.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each replica looks for shops whose scheduled sync is due; a due shop waits at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far before its cursor a run starts again: Shopify's search index may lag behind its writes, so a record
    /// written just before the last run may only now be visible with an older updatedAt.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a resource's run also reconciles: lists every id Shopify has and deletes the stored records it no longer
    /// lists. The <c>reconcile</c> mutation asks for one sooner.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tenants synced at the same time, by all Host replicas together (held as numbered PostgreSQL advisory locks).</summary>
    [Range(1, 256)]
    public int MaxConcurrentTenants { get; set; } = 4;

    /// <summary>
    /// Of <see cref="MaxConcurrentTenants"/>, how many may hold first syncs (a shop's history, which may take hours), so
    /// that the incremental syncs of other shops always find a slot; by default half of them, at least one.
    /// </summary>
    [Range(1, 256)]
    public int? MaxConcurrentFirstSyncs { get; set; }

    /// <summary>The slots first syncs may take.</summary>
    internal int FirstSyncSlots => MaxConcurrentFirstSyncs ?? Math.Max(1, MaxConcurrentTenants / 2);

    /// <summary>Records asked for per page; fewer when the query's cost would pass Shopify's per-query limit.</summary>
    [Range(1, 250)]
    public int PageSize { get; set; } = 250;

    /// <summary>
    /// Records written per transaction (with the cursor they advance): several pages when Shopify's are small, since
    /// each commit has a fixed cost. A stopped run re-fetches at most this many records beyond the overlap.
    /// </summary>
    [Range(1, 10_000)]
    public int WriteBatchSize { get; set; } = 1000;

    /// <summary>
    /// Records written per transaction while ingesting a bulk export's staged result. Larger than a paged write: the
    /// records are already at hand, so a commit's fixed cost (the tenant's lock, the rollup's time zone check, the
    /// progress rows, the flush) is shared by more of them. A stopped ingest reads at most this many records again
    /// from the staged file (not from Shopify), and the tenant's other writes (webhooks) wait for one such
    /// transaction at most.
    /// </summary>
    [Range(1, 50_000)]
    public int BulkWriteBatchSize { get; set; } = 5_000;

    /// <summary>
    /// Walks side by side in a first sync of a large shop, each through its own slice of the history (1: one walk).
    /// Requests to Shopify take time even when its bucket is full; this keeps several of them in flight. Fewer walk when
    /// the shop's bucket cannot hold a full query of every walk of every resource at once.
    /// </summary>
    [Range(1, 16)]
    public int BackfillWalkers { get; set; } = 4;

    /// <summary>
    /// A first sync of a resource with more records than this goes through a Shopify bulk export, which costs no API
    /// points; a smaller one is paged, which starts sooner. A reconciliation lists the ids of such a resource by an export
    /// too. 0 turns bulk exports off.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int BulkThreshold { get; set; } = 2_000;

    /// <summary>The first wait between two polls of a running bulk export; each poll doubles it up to <see cref="BulkPollMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BulkPollInitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BulkPollMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of one request after 5xx answers, timeouts, resets or malformed JSON, before the run fails.</summary>
    [Range(0, 20)]
    public int MaxTransientRetries { get; set; } = 6;

    /// <summary>The first backoff; each further retry doubles it, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>THROTTLED answers in a row for one request before the run gives up (each is waited out first).</summary>
    [Range(1, 1000)]
    public int MaxThrottledRetries { get; set; } = 50;

    /// <summary>How long one request to Shopify may take before it counts as a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Manual sync requests ("Sync now", the ingest endpoints) one tenant may make per minute, per Host replica. Repeated
    /// requests for a resource already waiting to sync are coalesced anyway; this bounds the calls themselves.
    /// </summary>
    [Range(1, 10_000)]
    public int ManualSyncsPerMinute { get; set; } = 30;

    /// <summary>
    /// The Quartz scheduler's name. Replicas over one database with the same name form one cluster: each trigger fires
    /// on one of them, and one that dies has its syncs taken over by another. Two deployments sharing a database
    /// (or a test's own Host) keep apart with different names.
    /// </summary>
    [Required, StringLength(80, MinimumLength = 1)]
    public string SchedulerName { get; set; } = "ShopIngest.Sync";

    /// <summary>Whether this replica runs the recurring schedule; manual triggers work either way.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>
    /// This replica's name in the cluster, recorded on each run it starts and on its traces, and its Quartz instance id,
    /// so two live replicas must never share one. Unset: the machine's name and the process id.
    /// </summary>
    [StringLength(100, MinimumLength = 1)]
    [RegularExpression(@"^[A-Za-z0-9._:-]+$", ErrorMessage = "Sync:NodeId may hold letters, digits and . _ : - only.")]
    public string? NodeId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxConcurrentFirstSyncs > MaxConcurrentTenants)
        {
            yield return new ValidationResult(
                $"Sync:MaxConcurrentFirstSyncs ({MaxConcurrentFirstSyncs}) may not exceed Sync:MaxConcurrentTenants ({MaxConcurrentTenants}).",
                [nameof(MaxConcurrentFirstSyncs)]);
        }
    }
}
