using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Shared.Tenancy;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Engine;

/// <summary>A sync of some resources of one tenant, however it was triggered.</summary>
internal sealed record SyncRequest(Guid TenantId, string Trigger, IReadOnlyList<PlannedRun> Runs)
{
    public static SyncRequest Plan(Guid tenantId, string trigger, IEnumerable<SyncResource> resources) =>
        new(tenantId, trigger, [.. resources.Select(resource => new PlannedRun(Guid.CreateVersion7(), resource))]);
}

/// <summary>
/// Runs a <see cref="SyncRequest"/>: takes the tenant's lock, reads its credentials, runs each resource (side by
/// side: they share the shop's throttle) and records how each run ended. A refused token marks the tenant's
/// credentials rejected and stops its other runs.
/// </summary>
internal sealed partial class TenantSync(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    SyncRunStore runs,
    ResourceSync resourceSync,
    ProductFeed products,
    CustomerFeed customers,
    OrderFeed orders,
    SyncTelemetry telemetry,
    TimeProvider time,
    IOptions<SyncOptions> options,
    ILogger<TenantSync> logger)
{
    private const string Interrupted = "The run was interrupted (the host stopped); the next run resumes from the checkpoint.";
    private const string TenantGone = "The shop is no longer registered.";

    public async Task RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartTenant(request.TenantId, request.Trigger);
        await using var tenantLock = await TenantLock.AcquireAsync(dataSource, request.TenantId, options.Value.MaxConcurrentTenants, time, cancellationToken);

        var runIds = request.Runs.Select(r => r.RunId).ToList();
        foreach (var run in request.Runs)
        {
            await runs.StartAsync(request.TenantId, run, request.Trigger, runIds, cancellationToken);
        }

        var credentials = await WithDirectoryAsync(request.TenantId, directory => directory.GetCredentialsAsync(request.TenantId, cancellationToken));
        if (credentials is null)
        {
            foreach (var run in request.Runs)
            {
                await runs.FinishAsync(request.TenantId, run.RunId, TenantGone, new ShopifyUsage(), CancellationToken.None);
            }

            return;
        }

        var tenant = new TenantRunContext(
            request.TenantId, new ShopAccess(credentials.ShopDomain, credentials.AccessToken), credentials.TimeZone, ShopDetailsRecorder(credentials));
        using var stopTenant = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var refusal = new Refusal();
        await Task.WhenAll(request.Runs.Select(run => RunResourceAsync(tenant, run, stopTenant, refusal, cancellationToken)));

        // Stopped, not finished: the scheduler hands the same runs to the next node (or start) to resume.
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task RunResourceAsync(
        TenantRunContext tenant, PlannedRun run, CancellationTokenSource stopTenant, Refusal refusal, CancellationToken hostStopping)
    {
        using var activity = SyncTelemetry.StartRun(run.Resource, run.RunId);
        var started = time.GetTimestamp();
        string? error = null;
        var spentByFailure = new ShopifyUsage();
        try
        {
            var work = run.Resource switch
            {
                SyncResource.Products => resourceSync.RunAsync(products, tenant, run, stopTenant.Token),
                SyncResource.Customers => resourceSync.RunAsync(customers, tenant, run, stopTenant.Token),
                _ => resourceSync.RunAsync(orders, tenant, run, stopTenant.Token),
            };
            await work;
        }
        catch (ShopifyAccessDeniedException denied)
        {
            error = denied.Message;
            spentByFailure = denied.Usage;
            if (Interlocked.CompareExchange(ref refusal.Reason, denied.Message, null) is null)
            {
                await WithDirectoryAsync(tenant.TenantId, async directory =>
                {
                    await directory.MarkCredentialsRejectedAsync(tenant.TenantId, denied.Message, CancellationToken.None);
                    return true;
                });
                LogCredentialsRejected(logger, tenant.TenantId, tenant.Shop.ShopDomain);
            }

            await stopTenant.CancelAsync();
        }
        catch (OperationCanceledException) when (hostStopping.IsCancellationRequested)
        {
            error = Interrupted;
        }
        catch (OperationCanceledException) when (refusal.Reason is { } reason)
        {
            error = reason;
        }
        catch (ShopifyException failure)
        {
            error = failure.Message;
            spentByFailure = failure.Usage;
            LogRunFailed(logger, failure, run.Resource.Name(), tenant.TenantId, failure.Message);
        }
        catch (Exception failure)
        {
            error = $"The run failed unexpectedly: {failure.Message}";
            LogRunFailed(logger, failure, run.Resource.Name(), tenant.TenantId, failure.Message);
        }

        activity?.SetStatus(error is null ? System.Diagnostics.ActivityStatusCode.Ok : System.Diagnostics.ActivityStatusCode.Error, error);
        await runs.FinishAsync(tenant.TenantId, run.RunId, error, spentByFailure, CancellationToken.None);
        telemetry.RunFinished(run.Resource, error is null, time.GetElapsedTime(started));
    }

    /// <summary>Stores the shop's currency and time zone once per tenant sync, and only when they changed.</summary>
    private Func<ShopDetails, Task> ShopDetailsRecorder(ShopCredentials credentials)
    {
        var recorded = 0;
        return async shop =>
        {
            if ((shop.CurrencyCode == credentials.Currency && shop.IanaTimezone == credentials.TimeZone) || Interlocked.Exchange(ref recorded, 1) == 1)
            {
                return;
            }

            await WithDirectoryAsync(credentials.TenantId, async directory =>
            {
                await directory.RecordShopDetailsAsync(credentials.TenantId, shop.CurrencyCode, shop.IanaTimezone, CancellationToken.None);
                return true;
            });
        };
    }

    private async Task<T> WithDirectoryAsync<T>(Guid tenantId, Func<ITenantDirectory, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await use(scope.ServiceProvider.GetRequiredService<ITenantDirectory>());
    }

    /// <summary>Why Shopify refused the tenant's token, once one of its runs has found out.</summary>
    private sealed class Refusal
    {
        public string? Reason;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify refused the token of tenant {TenantId} ({Shop}); its syncing is paused")]
    private static partial void LogCredentialsRejected(ILogger logger, Guid tenantId, string shop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Resource} for tenant {TenantId} failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string resource, Guid tenantId, string reason);
}
