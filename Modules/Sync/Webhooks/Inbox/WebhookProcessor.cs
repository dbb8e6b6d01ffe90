using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Webhooks.Topics;

namespace ShopIngest.Modules.Sync.Webhooks.Inbox;

/// <summary>
/// Applies stored deliveries after their 200: woken by the receiver, and every <see cref="WebhookOptions.PollInterval"/>
/// anyway (for what another replica received, for retries, and for what was left when the Host last stopped). After a
/// wake, and between passes while deliveries keep coming, it lets more gather for <see cref="WebhookOptions.GatherDelay"/>. Each
/// tenant's deliveries are taken in batches of <see cref="WebhookOptions.BatchSize"/>, each applied and marked in one
/// transaction; replicas take disjoint deliveries (<c>FOR UPDATE SKIP LOCKED</c>).
/// </summary>
/// <remarks>
/// A batch that fails (the database went away, a statement was refused) is retried one delivery at a time, so that a
/// delivery that can never be applied is given up alone after <see cref="WebhookOptions.MaxAttempts"/>, while the others go in.
/// </remarks>
internal sealed partial class WebhookProcessor(
    WebhookInbox inbox,
    InboxSignal signal,
    TenantTransactions transactions,
    DeliveryApplier applier,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    /// <summary>Tenants looked at per pass; a pass repeats while there is work.</summary>
    private const int TenantsPerPass = 1000;

    private static readonly TimeSpan ExpiryInterval = TimeSpan.FromHours(1);

    private const string InternalError = "Applying it failed on an internal error (the server's log has the details).";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextExpiry = time.GetUtcNow();
        var gather = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (gather && options.Value.GatherDelay > TimeSpan.Zero)
                {
                    await Task.Delay(options.Value.GatherDelay, time, stoppingToken);
                }

                // While deliveries keep coming, each pass is followed by another after the gather delay: under a steady
                // stream a shop's deliveries are then applied many to a transaction, which costs far less per delivery.
                gather = await PassAsync(stoppingToken) > 0;
                if (time.GetUtcNow() >= nextExpiry)
                {
                    await inbox.ExpireAsync(options.Value.Retention, stoppingToken);
                    nextExpiry = time.GetUtcNow() + ExpiryInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // The database is away, say: the deliveries wait in the inbox, and the next pass tries again.
                LogPassFailed(logger, failure);
                gather = false;
            }

            if (!gather)
            {
                gather = await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Applies what is due for up to <see cref="TenantsPerPass"/> tenants, each drained, and returns how many deliveries
    /// it took: none though work was listed means another replica holds it, which is theirs to finish.
    /// </summary>
    private async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var tenants = await inbox.TenantsWithWorkAsync(TenantsPerPass, cancellationToken);
        var taken = 0;
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ShopsAppliedAtOnce, CancellationToken = cancellationToken },
            async (tenantId, token) => Interlocked.Add(ref taken, await DrainTenantAsync(tenantId, token)));
        return taken;
    }

    private async Task<int> DrainTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var taken = 0;
        while (true)
        {
            var claimed = await ApplyBatchAsync(tenantId, batchSize, onlyId: null, cancellationToken);
            taken += claimed;
            if (claimed < batchSize)
            {
                return taken;
            }
        }
    }

    /// <summary>Applies one batch (or the one delivery <paramref name="onlyId"/>); returns how many deliveries it took.</summary>
    private async Task<int> ApplyBatchAsync(Guid tenantId, int batchSize, long? onlyId, CancellationToken cancellationToken)
    {
        var claimedIds = new List<long>();
        try
        {
            return await transactions.RunAsync(tenantId, async transaction =>
            {
                var batch = await WebhookInbox.ClaimAsync(transaction, batchSize, onlyId, cancellationToken);
                claimedIds.AddRange(batch.Select(delivery => delivery.Id));
                if (batch.Count > 0)
                {
                    var outcomes = await applier.ApplyAsync(transaction, batch, cancellationToken);
                    await WebhookInbox.FinishAsync(transaction, outcomes, cancellationToken);
                }

                return batch.Count;
            }, cancellationToken);
        }
        catch (Exception failure) when (claimedIds.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            LogBatchFailed(logger, failure, claimedIds.Count, tenantId);
            if (claimedIds.Count > 1)
            {
                foreach (var id in claimedIds)
                {
                    await ApplyBatchAsync(tenantId, 1, id, cancellationToken);
                }

                return claimedIds.Count;
            }

            await transactions.RunAsync(tenantId,
                transaction => WebhookInbox.PostponeAsync(transaction, claimedIds, InternalError, options.Value.MaxAttempts, cancellationToken), cancellationToken);
            return claimedIds.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass over the webhook inbox failed; the deliveries wait for the next")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying {Count} webhook deliveries of tenant {TenantId} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count, Guid tenantId);
}
