using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ShopIngest.Modules.Sync.Scheduling;

internal static class SyncScheduling
{
    /// <summary>
    /// The recurring schedule (<see cref="ScheduleSweeper"/> on every replica, when <see cref="SyncOptions.ScheduleEnabled"/>)
    /// and, for manual syncs, Quartz with its clustered store in the <c>sync</c> schema, reached through the runtime data
    /// source: each trigger fires on one replica, and a replica that dies has its firings recovered by another.
    /// </summary>
    public static IServiceCollection AddSyncScheduling(this IServiceCollection services, SyncOptions options, string schedulerName)
    {
        services.AddSingleton<SyncTriggers>();
        services.AddSingleton<ManualSyncLimiter>();
        if (options.ScheduleEnabled)
        {
            services.AddHostedService<ScheduleSweeper>();
        }

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = schedulerName;

                // The node's id, so that Quartz's tables name the same replica as the runs do; unique per live replica.
                scheduler.InstanceId = SyncNode.IdFor(options);

                // A replica shutting down stops its syncs at once; each stopped firing is stored for recovery, and the
                // next node to acquire it resumes the same runs from their checkpoints.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });

            // Threads to run manual syncs, not a limit of their own: the cluster-wide tenant slots (TenantLock) are.
            quartz.UseDefaultThreadPool(options.MaxConcurrentTenants);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(dataSource => dataSource.UseRegisteredDataSource = true);
                store.ConfigureStore(adoStore => adoStore.TablePrefix = QuartzSchema.TablePrefix);
                store.UseClustering(clustering => { });
                store.UseSystemTextJsonSerializer(_ => { });
            });
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
