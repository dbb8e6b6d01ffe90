using Quartz;
using ShopIngest.Modules.Sync.Pipeline;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// The Quartz job of one tenant (one job key per tenant): the clustered store never fires a non-concurrent job on two
/// nodes at once, and the engine's advisory lock guards the tenant even beyond Quartz.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TenantSyncJob(TenantSync sync) : IJob
{
    public const string Group = "sync";

    public static JobKey KeyFor(Guid tenantId) => new($"tenant-{tenantId:N}", Group);

    public static IJobDetail DetailFor(Guid tenantId) => JobBuilder.Create<TenantSyncJob>()
        .WithIdentity(KeyFor(tenantId))
        .WithDescription("Syncs one tenant's products, customers and orders from Shopify.")
        .StoreDurably()
        // A node that dies mid-run leaves its firing to another node, which resumes the same runs from their checkpoints.
        .RequestRecovery()
        .Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var request = SyncJobData.Read(context.MergedJobDataMap);
        await sync.RunAsync(request, cancellationToken);
    }
}
