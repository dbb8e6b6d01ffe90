using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace ShopIngest.Modules.Sync.Scheduling;

internal static class SyncScheduling
{
    /// <summary>
    /// Quartz with its clustered store in the <c>sync</c> schema, reached through the runtime data source: each trigger
    /// fires on one replica, and a replica that dies has its firings recovered by another.
    /// </summary>
    public static IServiceCollection AddSyncScheduling(this IServiceCollection services, SyncOptions options, string schedulerName)
    {
        services.AddSingleton<SyncTriggers>();
        services.AddSingleton<ManualSyncLimiter>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = schedulerName;

                // A replica shutting down stops its syncs at once; each stopped firing is stored for recovery, and the
                // next node to acquire it resumes the same runs from their checkpoints.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });

            // Threads to run jobs, not a limit of their own: the cluster-wide tenant slots (TenantLock) are the limit on
            // tenants synced at once. One thread more than the slots, so the recurring sweep never waits behind syncs.
            quartz.UseDefaultThreadPool(options.MaxConcurrentTenants + 1);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(dataSource => dataSource.UseRegisteredDataSource = true);
                store.ConfigureStore(adoStore => adoStore.TablePrefix = QuartzSchema.TablePrefix);
                store.UseClustering(clustering => { });
                store.UseSystemTextJsonSerializer(_ => { });
            });

            if (options.ScheduleEnabled)
            {
                quartz.ScheduleJob<SyncScheduleJob>(
                    (provider, trigger) => trigger
                        .WithIdentity(SyncScheduleJob.Key.Name, SyncScheduleJob.Key.Group)
                        .WithDescription("Syncs every syncable tenant.")
                        .StartNow()
                        .WithSimpleSchedule(schedule => schedule
                            .WithInterval(provider.GetRequiredService<IOptions<SyncOptions>>().Value.Interval)
                            .RepeatForever()),
                    (_, job) => job.WithIdentity(SyncScheduleJob.Key).StoreDurably());
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
