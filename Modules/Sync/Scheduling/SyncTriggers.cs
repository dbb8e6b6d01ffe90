using Quartz;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>Hands tenant syncs to the clustered scheduler: the recurring sweep's and those a merchant asks for.</summary>
internal sealed class SyncTriggers(ISchedulerFactory schedulers, SyncRunStore runs)
{
    /// <summary>Starts a manual sync of <paramref name="resources"/> for the tenant; its runs are listed from now on.</summary>
    public async Task<IReadOnlyList<PlannedRun>> StartManualAsync(Guid tenantId, IReadOnlyList<SyncResource> resources, CancellationToken cancellationToken)
    {
        var request = SyncRequest.Plan(tenantId, RunTrigger.Manual, resources);
        await runs.RecordRequestedAsync(tenantId, request.Runs, RunTrigger.Manual, cancellationToken);
        await EnqueueAsync(request, new TriggerKey($"manual-{request.Runs[0].RunId:N}", TenantSyncJob.Group), cancellationToken);
        return request.Runs;
    }

    /// <summary>
    /// Queues the scheduled sync of a tenant unless one is still waiting (e.g. behind a long run), so a slow tenant
    /// never piles up syncs.
    /// </summary>
    public async Task<bool> StartScheduledAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var key = new TriggerKey($"schedule-{tenantId:N}", TenantSyncJob.Group);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        await EnqueueAsync(SyncRequest.Plan(tenantId, RunTrigger.Schedule, SyncResource.All), key, cancellationToken);
        return true;
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
