using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Scheduling;

/// <summary>
/// The schedule, on every replica: every <see cref="SyncOptions.SchedulePollInterval"/> (and whenever one of its syncs
/// ends) it claims the due shops it has room for, stalest first, and syncs them here. Claims skip the rows other
/// replicas are claiming, so each due sync starts on one replica, whichever is free. Once an interval it also enrols
/// the shops that became syncable and drops those that no longer are. Housekeeping: no span of its own.
/// </summary>
internal sealed partial class ScheduleSweeper(
    IServiceScopeFactory scopes,
    ScheduleStore schedule,
    TenantSync sync,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<ScheduleSweeper> logger) : BackgroundService
{
    private readonly HashSet<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var slots = TenantLock.AllSlots(settings);

        // How long a claimed shop is left to this replica to start: a few sweeps. A shop found still syncing (its last
        // sync outlasted the interval) is claimed again after it, and starts as soon as that sync has ended.
        var lease = TimeSpan.FromTicks(Math.Min(settings.Interval.Ticks, 5 * settings.SchedulePollInterval.Ticks));
        var nextEnrolment = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (time.GetUtcNow() >= nextEnrolment)
                    {
                        await EnrolAsync(settings.Interval, stoppingToken);
                        nextEnrolment = time.GetUtcNow() + settings.Interval;
                    }

                    var room = settings.MaxConcurrentTenants - _running.Count;
                    if (room > 0)
                    {
                        foreach (var shop in await schedule.ClaimAsync(room, slots, lease, stoppingToken))
                        {
                            _running.Add(RunAsync(shop, stoppingToken));
                        }
                    }
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database is away for now, say: the due shops stay due, and the next sweep claims them.
                    LogSweepFailed(logger, failure, failure.Message);
                }

                var poll = Task.Delay(settings.SchedulePollInterval, time, stoppingToken);
                await (_running.Count == 0 ? poll : Task.WhenAny(_running.Append(poll)));
                _running.RemoveWhere(run => run.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        // The host is stopping: each sync ends its runs as interrupted; the shops stay due for the other replicas.
        await Task.WhenAll(_running);
    }

    private async Task EnrolAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> syncable;
        await using (var scope = scopes.CreateAsyncScope())
        {
            syncable = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ListSyncableTenantsAsync(cancellationToken);
        }

        var (added, removed) = await schedule.ReconcileAsync(syncable, interval, cancellationToken);
        if (added > 0 || removed > 0)
        {
            LogEnrolled(logger, added, removed, syncable.Count);
        }
    }

    private async Task RunAsync(ClaimedShop shop, CancellationToken stoppingToken)
    {
        // Off the sweep's own flow, so that the sweep goes on while the sync runs.
        await Task.Yield();
        try
        {
            await sync.RunAsync(SyncRequest.Plan(shop.TenantId, RunTrigger.Schedule, SyncResource.All), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the runs recorded that they were interrupted.
        }
        catch (Exception failure)
        {
            LogSyncFailed(logger, failure, shop.TenantId, failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule: {Added} shops enrolled, {Removed} left, {Syncable} syncable")]
    private static partial void LogEnrolled(ILogger logger, int added, int removed, int syncable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule sweep failed, tried again at the next one: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled sync of tenant {TenantId} failed: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, Guid tenantId, string reason);
}
