using Quartz;
using ShopIngest.Modules.Sync.Engine;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// The Quartz job of one tenant (one job key per tenant): the clustered store never fires a non-concurrent job on two
/// nodes at once, and the engine's advisory lock guards the tenant even beyond Quartz.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class TenantSyncJob(TenantSync sync, SyncConcurrency concurrency) : IJob
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
        using var slot = await concurrency.EnterAsync(cancellationToken);
        await sync.RunAsync(request, cancellationToken);
    }
}

/// <summary>At most <see cref="SyncOptions.MaxConcurrentTenants"/> tenant syncs at once in this process.</summary>
internal sealed class SyncConcurrency(Microsoft.Extensions.Options.IOptions<SyncOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentTenants, options.Value.MaxConcurrentTenants);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
