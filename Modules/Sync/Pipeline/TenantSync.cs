using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ShopIngest.Modules.Identity.Contracts;
using ShopIngest.Modules.Shared.Tenancy;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Scheduling;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline;

/// <summary>A sync of some resources of one tenant, however it was triggered.</summary>
internal sealed record SyncRequest(Guid TenantId, string Trigger, IReadOnlyList<PlannedRun> Runs)
{
    public static SyncRequest Plan(Guid tenantId, string trigger, IEnumerable<SyncResource> resources) =>
        new(tenantId, trigger, [.. resources.Select(resource => new PlannedRun(Guid.CreateVersion7(), resource))]);
}

/// <summary>
/// Runs a <see cref="SyncRequest"/>: takes the tenant's lock and a slot (one first syncs may hold, if it is one), reads
/// its credentials, checks the token's access scopes
/// when due, runs each resource (side by side: they share the shop's throttle) and records how each run ended.
/// What Shopify answers decides how far a failure reaches: a missing scope fails only the resource that needs it; a
/// refused token, or a shop Shopify will not serve (frozen, locked, gone), stops every run of the tenant and keeps
/// the schedule away from it (until a new token, or until the pause ends).
/// </summary>
internal sealed partial class TenantSync(
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    SyncRunStore runs,
    CheckpointStore checkpoints,
    ScheduleStore schedule,
    SyncNode node,
    IEnumerable<SyncableResource> resources,
    AccessScopeCheck scopeCheck,
    SyncTelemetry telemetry,
    TimeProvider time,
    IOptions<SyncOptions> options,
    ILogger<TenantSync> logger)
{
    /// <summary>The first pause of a shop Shopify will not serve; each pause in a row doubles it, up to <see cref="LongestPause"/>.</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromHours(1);

    public static readonly TimeSpan LongestPause = TimeSpan.FromHours(24);

    private readonly Dictionary<SyncResource, SyncableResource> _resources = resources.ToDictionary(resource => resource.Resource);

    private const string Interrupted = "The run was interrupted (the host stopped); the next run resumes from the checkpoint.";
    private const string TenantGone = "The shop is no longer registered.";

    // What went wrong inside is for the operator's log; a merchant reads only that it did, never an exception's text.
    private const string InternalError = "The run failed on an internal error (the server's log has the details); the next run resumes from the checkpoint.";
    private const string DatabaseUnavailable = "The database could not be reached (it restarted or failed over); the next run resumes from the checkpoint.";

    /// <summary>The longest wait between two attempts to record how a run ended while the database is away.</summary>
    private static readonly TimeSpan LongestFinishWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the request; false when it is a scheduled sync of a shop that is syncing already (a long first sync, a
    /// manual sync, another replica's), which is skipped rather than queued behind it.
    /// </summary>
    public async Task<bool> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var scheduled = request.Trigger == RunTrigger.Schedule;
        await using var scheduledLock = scheduled ? await TenantLock.AcquireAsync(dataSource, request.TenantId, wait: false, time, cancellationToken) : null;
        if (scheduled && scheduledLock is null)
        {
            LogSkipped(logger, request.TenantId);
            return false;
        }

        using var activity = SyncTelemetry.StartTenant(request.TenantId, request.Trigger, node.Id);
        await using var waitedLock = scheduled ? null : await TenantLock.AcquireAsync(dataSource, request.TenantId, wait: true, time, cancellationToken);
        var tenantLock = (scheduledLock ?? waitedLock)!;
        var firstSync = await checkpoints.FirstSyncPendingAsync(request.TenantId, request.Runs.Select(run => run.Resource), cancellationToken);
        activity?.SetTag("shopingest.sync.first_sync", firstSync);
        await tenantLock.TakeSlotAsync(TenantLock.SlotsFor(firstSync, options.Value), time, cancellationToken);

        if (scheduled && await schedule.StartedAsync(request.TenantId, options.Value.Interval, node.Id, cancellationToken) is { } secondsLate)
        {
            telemetry.ScheduledSyncStarted(secondsLate);
            activity?.SetTag("shopingest.sync.lag_seconds", secondsLate);
        }

        var runIds = request.Runs.Select(r => r.RunId).ToList();
        foreach (var run in request.Runs)
        {
            await runs.StartAsync(request.TenantId, run, request.Trigger, runIds, node.Id, cancellationToken);
        }

        var credentials = await WithDirectoryAsync(request.TenantId, directory => directory.GetCredentialsAsync(request.TenantId, cancellationToken));
        if (credentials is null)
        {
            await FinishAllAsync(request, TenantGone, new ShopifyUsage());
            return true;
        }

        if (request.Trigger == RunTrigger.Schedule && credentials.SyncPausedUntil is { } pausedUntil && pausedUntil > time.GetUtcNow())
        {
            // Queued before the pause began: Shopify is not asked again until the pause ends.
            await FinishAllAsync(request, $"Syncing is paused until {pausedUntil:u}.", new ShopifyUsage());
            return true;
        }

        var tenant = new TenantRunContext(
            request.TenantId, new ShopAccess(credentials.ShopDomain, credentials.AccessToken), credentials.TimeZone, ShopDetailsRecorder(credentials))
        {
            GrantedScopes = credentials.GrantedScopes,
        };
        using var stop = new TenantStop(cancellationToken);

        var scopesChecked = scopeCheck.IsDue(credentials);
        if (scopesChecked && await CheckScopesAsync(tenant, credentials, request.Runs[0], stop) is { } stopped)
        {
            await FinishAllAsync(request, stopped.Reason, stopped.Usage);
            return true;
        }

        var outcomes = await Task.WhenAll(request.Runs.Select(run => RunResourceAsync(tenant, credentials, run, stop, cancellationToken)));

        // Stopped, not finished: the scheduler hands the same runs to the next node (or start) to resume.
        cancellationToken.ThrowIfCancellationRequested();

        if (stop.Reason is null && outcomes.Contains(RunOutcome.Succeeded) && credentials.SyncPausedUntil is not null)
        {
            await WithDirectoryAsync(tenant.TenantId, directory => directory.ResumeSyncAsync(tenant.TenantId, CancellationToken.None));
            LogResumed(logger, tenant.TenantId, tenant.Shop.ShopDomain);
        }

        if (!scopesChecked && outcomes.Contains(RunOutcome.ScopeMissing))
        {
            // The scopes changed since they were checked: the shop's warning should say so now, not tomorrow.
            await CheckScopesAsync(tenant, credentials, request.Runs[0], stop);
        }

        return true;
    }

    private async Task<RunOutcome> RunResourceAsync(
        TenantRunContext tenant, ShopCredentials credentials, PlannedRun run, TenantStop stop, CancellationToken hostStopping)
    {
        using var activity = SyncTelemetry.StartRun(tenant.TenantId, run.Resource, run.RunId);
        var started = time.GetTimestamp();
        string? error = null;
        var outcome = RunOutcome.Failed;
        var spentByFailure = new ShopifyUsage();
        try
        {
            var resource = _resources.GetValueOrDefault(run.Resource)
                ?? throw new InvalidOperationException($"No resource sync is registered for {run.Resource}.");
            await resource.RunAsync(tenant, run, stop.Token);
            outcome = RunOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (hostStopping.IsCancellationRequested)
        {
            error = Interrupted;
        }
        catch (OperationCanceledException) when (stop.Reason is { } reason)
        {
            error = reason;
        }
        catch (ShopifyAccessDeniedException denied)
        {
            error = ScopeMissing(run.Resource, denied);
            spentByFailure = denied.Usage;
            outcome = RunOutcome.ScopeMissing;
            LogScopeMissing(logger, run.Resource.Name, tenant.TenantId, denied.ShopifyMessage);
        }
        catch (ShopifyException failure)
        {
            spentByFailure = failure.Usage;
            error = await StopTenantAsync(tenant, credentials, failure, stop);
            if (error is null)
            {
                error = failure.Message;
                LogRunFailed(logger, failure, run.Resource.Name, run.RunId, tenant.TenantId, failure.Message);
            }
        }
        catch (NpgsqlException unavailable) when (IsDatabaseUnavailable(unavailable))
        {
            error = DatabaseUnavailable;
            LogRunFailed(logger, unavailable, run.Resource.Name, run.RunId, tenant.TenantId, unavailable.Message);
        }
        catch (Exception failure)
        {
            error = InternalError;
            LogRunFailed(logger, failure, run.Resource.Name, run.RunId, tenant.TenantId, failure.Message);
        }

        activity?.SetStatus(error is null ? System.Diagnostics.ActivityStatusCode.Ok : System.Diagnostics.ActivityStatusCode.Error, error);
        SyncTelemetry.RunEnded(activity, await FinishAsync(tenant.TenantId, run, error, spentByFailure, hostStopping));
        telemetry.RunFinished(run.Resource, error is null, time.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>
    /// Records how the run ended, waiting for the database while it is away (a restart, a failover), so that a run is
    /// never left <c>running</c> because its end could not be written at once. Only the host stopping ends the wait;
    /// the run is then resumed by whichever node recovers its firing.
    /// </summary>
    private async Task<RunSummary?> FinishAsync(Guid tenantId, PlannedRun run, string? error, ShopifyUsage spentByFailure, CancellationToken hostStopping)
    {
        for (var wait = TimeSpan.FromMilliseconds(500); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestFinishWait.Ticks)))
        {
            try
            {
                return await runs.FinishAsync(tenantId, run.RunId, error, spentByFailure, CancellationToken.None);
            }
            catch (NpgsqlException unavailable) when (IsDatabaseUnavailable(unavailable))
            {
                LogFinishWaits(logger, unavailable, run.Resource.Name, run.RunId, tenantId, wait.TotalSeconds);
                await Task.Delay(wait, time, hostStopping);
            }
        }
    }

    /// <summary>
    /// Asks for the token's scopes and stores them, counting the request in <paramref name="countedIn"/>; a failure that
    /// stops the tenant is returned, any other is only logged.
    /// </summary>
    private async Task<(string Reason, ShopifyUsage Usage)?> CheckScopesAsync(
        TenantRunContext tenant, ShopCredentials credentials, PlannedRun countedIn, TenantStop stop)
    {
        try
        {
            var (granted, usage) = await scopeCheck.GrantedAsync(tenant.Shop, stop.Token);
            await runs.RecordRequestAsync(tenant.TenantId, countedIn.RunId, usage, CancellationToken.None);
            await WithDirectoryAsync(tenant.TenantId, directory => directory.RecordAccessScopesAsync(tenant.TenantId, granted, CancellationToken.None));
            return null;
        }
        catch (ShopifyException failure)
        {
            if (await StopTenantAsync(tenant, credentials, failure, stop) is { } reason)
            {
                return (reason, failure.Usage);
            }

            if (failure is ShopifyUnavailableException)
            {
                // Shopify could not answer a two-point query through every retry: the runs would only fail the same way.
                return (failure.Message, failure.Usage);
            }

            // A refusal of this one query says nothing of the runs: they go on, and the check is tried at the next sync.
            LogScopeCheckFailed(logger, failure, tenant.TenantId, failure.Message);
            return null;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Not Shopify's answer but a fault of ours: the runs end with it rather than being left running.
            LogScopeCheckFailed(logger, failure, tenant.TenantId, failure.Message);
            return (InternalError, new ShopifyUsage());
        }
    }

    /// <summary>
    /// When <paramref name="failure"/> concerns the whole shop, records it once (credentials rejected, or syncing paused
    /// with a back-off), stops the tenant's other runs and returns the reason every run reports; else null.
    /// </summary>
    private async Task<string?> StopTenantAsync(TenantRunContext tenant, ShopCredentials credentials, ShopifyException failure, TenantStop stop)
    {
        Func<ITenantDirectory, Task> record;
        string reason;
        switch (failure)
        {
            case ShopifyCredentialsRejectedException:
                reason = failure.Message;
                record = directory => directory.MarkCredentialsRejectedAsync(tenant.TenantId, failure.Message, CancellationToken.None);
                break;
            case ShopifyShopUnavailableException:
                var until = time.GetUtcNow() + PauseAfter(credentials.ConsecutiveSyncPauses);
                reason = $"{failure.Message} Scheduled syncing is paused until {until:u}; a manual sync may try sooner.";
                record = directory => directory.PauseSyncAsync(tenant.TenantId, failure.Message, until, CancellationToken.None);
                break;
            default:
                return null;
        }

        if (Interlocked.CompareExchange(ref stop.Reason, reason, null) is null)
        {
            await WithDirectoryAsync(tenant.TenantId, record);
            LogTenantStopped(logger, tenant.TenantId, tenant.Shop.ShopDomain, reason);
            await stop.CancelAsync();
        }

        return stop.Reason;
    }

    /// <summary>The database went away or is not back yet: a restart, a failover, a connection it ended.</summary>
    private static bool IsDatabaseUnavailable(NpgsqlException exception) =>
        exception.IsTransient
        || exception is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow };

    /// <summary>1 hour for the first pause in a row, doubling with each one after it, never more than a day.</summary>
    internal static TimeSpan PauseAfter(int earlierPausesInARow) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(earlierPausesInARow, 16)));

    private static string ScopeMissing(SyncResource resource, ShopifyAccessDeniedException denied) =>
        $"Shopify denied access to the shop's {resource.Name}: the app's access token lacks the {resource.RequiredScope} scope. "
        + $"Grant it to the app in the Shopify admin; the other resources keep syncing. (Shopify: {denied.ShopifyMessage})";

    private async Task FinishAllAsync(SyncRequest request, string error, ShopifyUsage spent)
    {
        foreach (var run in request.Runs)
        {
            // What the failed request spent is counted once, with the first run.
            await runs.FinishAsync(request.TenantId, run.RunId, error, run == request.Runs[0] ? spent : new ShopifyUsage(), CancellationToken.None);
        }
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

            await WithDirectoryAsync(credentials.TenantId, directory => directory.RecordShopDetailsAsync(credentials.TenantId, shop.CurrencyCode, shop.IanaTimezone, CancellationToken.None));
        };
    }

    private async Task WithDirectoryAsync(Guid tenantId, Func<ITenantDirectory, Task> use) =>
        await WithDirectoryAsync(tenantId, async directory =>
        {
            await use(directory);
            return true;
        });

    private async Task<T> WithDirectoryAsync<T>(Guid tenantId, Func<ITenantDirectory, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await use(scope.ServiceProvider.GetRequiredService<ITenantDirectory>());
    }

    private enum RunOutcome
    {
        Succeeded,
        ScopeMissing,
        Failed,
    }

    /// <summary>Stops every run of one tenant sync, once, with the reason all of them report.</summary>
    private sealed class TenantStop(CancellationToken hostStopping) : IDisposable
    {
        private readonly CancellationTokenSource _source = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);

        public string? Reason;

        public CancellationToken Token => _source.Token;

        public Task CancelAsync() => _source.CancelAsync();

        public void Dispose() => _source.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled sync of tenant {TenantId} skipped: the shop is syncing already")]
    private static partial void LogSkipped(ILogger logger, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syncing of tenant {TenantId} ({Shop}) stops: {Reason}")]
    private static partial void LogTenantStopped(ILogger logger, Guid tenantId, string shop, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} ({Shop}) synced again; its pause is over")]
    private static partial void LogResumed(ILogger logger, Guid tenantId, string shop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Resource} for tenant {TenantId} lacks an access scope: {ShopifyMessage}")]
    private static partial void LogScopeMissing(ILogger logger, string resource, Guid tenantId, string shopifyMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the access scopes of tenant {TenantId} failed: {Reason}")]
    private static partial void LogScopeCheckFailed(ILogger logger, Exception exception, Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of the {Resource} run {RunId} of tenant {TenantId} cannot be recorded while the database is away; trying again in {Seconds} s")]
    private static partial void LogFinishWaits(ILogger logger, Exception exception, string resource, Guid runId, Guid tenantId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync of {Resource} (run {RunId}) for tenant {TenantId} failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string resource, Guid runId, Guid tenantId, string reason);
}
