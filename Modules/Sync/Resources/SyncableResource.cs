using Microsoft.Extensions.DependencyInjection;
using ShopIngest.Modules.Sync.Pipeline;
using ShopIngest.Modules.Sync.Runs;

namespace ShopIngest.Modules.Sync.Resources;

/// <summary>
/// A resource the engine can sync, and how: its feed run through the pipeline. One is registered per resource, and a
/// tenant sync runs the ones its request names.
/// </summary>
internal sealed record SyncableResource(SyncResource Resource, Func<TenantRunContext, PlannedRun, CancellationToken, Task> RunAsync);

internal static class ResourceRegistration
{
    /// <summary>Registers <typeparamref name="TFeed"/> (the resource's query, wire mapping and ingest contract) as a resource to sync.</summary>
    public static IServiceCollection AddSyncResource<TFeed, TRecord>(this IServiceCollection services)
        where TFeed : class, IResourceFeed<TRecord>
    {
        services.AddSingleton<TFeed>();
        services.AddSingleton(provider =>
        {
            var feed = provider.GetRequiredService<TFeed>();
            var pipeline = provider.GetRequiredService<SyncPipeline>();
            return new SyncableResource(feed.Resource, (tenant, run, cancellationToken) => pipeline.RunAsync(feed, tenant, run, cancellationToken));
        });
        return services;
    }
}
