using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using ShopIngest.Modules.Identity.Contracts;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>Every <see cref="SyncOptions.Interval"/>, on one node of the cluster: queues a sync of every syncable tenant.</summary>
[DisallowConcurrentExecution]
internal sealed partial class SyncScheduleJob(IServiceScopeFactory scopes, SyncTriggers triggers, ILogger<SyncScheduleJob> logger) : IJob
{
    public static readonly JobKey Key = new("schedule", TenantSyncJob.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ListSyncableTenantsAsync(cancellationToken);
        }

        var queued = 0;
        foreach (var tenantId in tenants)
        {
            queued += await triggers.StartScheduledAsync(tenantId, cancellationToken) ? 1 : 0;
        }

        LogQueued(logger, queued, tenants.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled sync queued for {Queued} of {Tenants} syncable tenants")]
    private static partial void LogQueued(ILogger logger, int queued, int tenants);
}
