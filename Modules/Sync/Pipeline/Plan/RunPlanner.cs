using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Backfill;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Plan;

/// <summary>
/// A stretch of <c>updatedAt</c> to walk, [<see cref="From"/>, <see cref="Until"/>), and the backfill slice it advances,
/// if any; or, with <see cref="Bulk"/>, the whole history through a bulk export.
/// </summary>
internal sealed record Stretch(DateTimeOffset? From, DateTimeOffset? Until, BackfillSlice? Slice, BulkExport? Bulk = null);

/// <summary>What one run of a resource fetches: its stretches, newest first, and how many may be walked side by side.</summary>
internal sealed record RunPlan(IReadOnlyList<Stretch> Stretches, int Walkers);

/// <summary>
/// The plan stage. An incremental run walks from the stored cursor minus the overlap. A first sync of a history larger
/// than <see cref="SyncOptions.BulkThreshold"/> goes through a bulk export (unless <c>bulk</c> is false: the export
/// failed); a smaller one is cut into slices (<see cref="BackfillPlan"/>), each resuming from its own progress. A run
/// that finds an export or slices still open (a first sync that was stopped) resumes them.
/// </summary>
internal sealed class RunPlanner(
    CheckpointStore checkpoints, BackfillStore backfill, BulkExportStore bulkExports, BacklogProbe backlog, ShopThrottles throttles, TimeProvider time,
    IOptions<SyncOptions> options)
{
    public async Task<RunPlan> PlanAsync(SyncResource resource, TenantRunContext tenant, PlannedRun run, bool bulk, CancellationToken cancellationToken)
    {
        if (bulk && await bulkExports.OpenAsync(tenant.TenantId, resource, cancellationToken) is { } open)
        {
            await bulkExports.ResumeAsync(open, run, cancellationToken);
            return BulkPlan(open);
        }

        var overlap = options.Value.Overlap;
        var cursor = await checkpoints.ReadAsync(tenant.TenantId, resource, cancellationToken);
        var slices = await backfill.OpenAsync(tenant.TenantId, resource, cancellationToken);
        if (cursor is null && slices.Count == 0)
        {
            var (export, planned) = await PlanFirstSyncAsync(resource, tenant, run, bulk, cancellationToken);
            if (export is not null)
            {
                return BulkPlan(export);
            }

            slices = planned;
        }

        // Newest first: a growing shop keeps most of its records in its recent history, so the biggest slices start
        // first and the walkers finish close together instead of one walking the newest slice alone at the end; and
        // the merchant sees the recent sales first.
        var stretches = slices.OrderByDescending(slice => slice.StartsAt)
            .Select(slice => new Stretch(Later(slice.StartsAt, slice.Cursor - overlap), slice.EndsAt, slice)).ToList();
        if (!slices.Any(slice => slice.EndsAt is null))
        {
            // The incremental walk; while the newest slice is open, that slice is it.
            stretches.Add(new Stretch(cursor - overlap, null, null));
        }

        return new RunPlan(stretches, WalkersFor(tenant.Shop));
    }

    /// <summary>
    /// Walks side by side only pay while the shop's bucket can hold a full query of every walk of every resource at
    /// once (Shopify takes a query's requested cost when it starts): with less, they would only wait for each other's
    /// points, and points reserved side by side that Shopify gives back later leave the bucket to fill up unused.
    /// </summary>
    private int WalkersFor(ShopAccess shop)
    {
        var bucket = throttles.For(shop.ShopDomain).MaximumAvailable ?? double.MaxValue;
        var room = bucket / (SyncResource.All.Count * (double)ShopifyAdminClient.MaxQueryCost);
        return (int)Math.Clamp(Math.Floor(room), 1, options.Value.BackfillWalkers);
    }

    private static DateTimeOffset Later(DateTimeOffset start, DateTimeOffset? resumeFrom) => resumeFrom > start ? resumeFrom.Value : start;

    private static RunPlan BulkPlan(BulkExport export) => new([new Stretch(null, null, null, export)], Walkers: 1);

    /// <summary>
    /// Asks how much history a resource has: above the bulk threshold, it is exported; else it is cut into slices when
    /// it is worth walking side by side.
    /// </summary>
    private async Task<(BulkExport? Export, List<BackfillSlice> Slices)> PlanFirstSyncAsync(
        SyncResource resource, TenantRunContext tenant, PlannedRun run, bool bulk, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        bulk &= settings.BulkThreshold > 0;
        if (!bulk && WalkersFor(tenant.Shop) < 2)
        {
            return (null, []);
        }

        // Counted whole for an export, whose progress is shown against it (a null limit counts everything).
        var found = await backlog.ProbeAsync(
            tenant.Shop, resource, countUpTo: bulk ? null : 2 * settings.BackfillWalkers * settings.WriteBatchSize, cancellationToken);
        if (bulk && found.Records > settings.BulkThreshold)
        {
            return (await bulkExports.BeginAsync(tenant.TenantId, run, found.Records, found.Usage, cancellationToken), []);
        }

        // Asked again: the probe's answer may be the first to tell the shop's bucket, and so how many walks it allows.
        IReadOnlyList<PlannedSlice> planned = found.Oldest is { } oldest
            ? BackfillPlan.Slices(oldest, time.GetUtcNow(), found.Records, settings.WriteBatchSize, WalkersFor(tenant.Shop))
            : [];
        return (null, await backfill.StartAsync(tenant.TenantId, run, planned, found.Usage, cancellationToken));
    }
}
