using Quartz;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// Hands the syncs a merchant asks for to the clustered scheduler, which runs each on one replica and, should that one
/// die, has another resume it. (The recurring schedule is <see cref="ScheduleSweeper"/>'s.)
/// </summary>
internal sealed class SyncTriggers(ISchedulerFactory schedulers, SyncRunStore runs, ManualSyncLimiter limiter)
{
    /// <summary>
    /// Starts a manual sync of <paramref name="resources"/> for the tenant; its runs are listed from now on. A resource
    /// that already has a manual run waiting to start gets that run back, and no second one. Throws
    /// <see cref="TooManySyncRequestsException"/> when the tenant asks more often than <see cref="SyncOptions.ManualSyncsPerMinute"/>.
    /// </summary>
    public async Task<IReadOnlyList<PlannedRun>> StartManualAsync(Guid tenantId, IReadOnlyList<SyncResource> resources, CancellationToken cancellationToken)
    {
        limiter.Admit(tenantId);
        var request = SyncRequest.Plan(tenantId, RunTrigger.Manual, resources);
        var requested = await runs.RequestManualAsync(tenantId, request.Runs, cancellationToken);
        var fresh = requested.Where(r => r.IsNew).Select(r => r.Run).ToList();
        if (fresh.Count > 0)
        {
            await EnqueueAsync(request with { Runs = fresh }, new TriggerKey($"manual-{fresh[0].RunId:N}", TenantSyncJob.Group), cancellationToken);
        }

        return [.. resources.Select(resource => requested.First(r => r.Run.Resource == resource).Run)];
    }

    private async Task EnqueueAsync(SyncRequest request, TriggerKey key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = TenantSyncJob.DetailFor(request.TenantId);
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(SyncJobData.From(request))
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, default, cancellationToken);
    }
}
