using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>A finished export: where its result is (null when it exported nothing), and the shop's details seen on the way.</summary>
internal sealed record FinishedExport(string? Url, DateTimeOffset CreatedAt, ShopDetails? Shop);

/// <summary>Shopify could not export the resource; the first sync falls back to paging, and the run says why.</summary>
internal sealed class BulkExportFailedException(string message) : Exception(message);

/// <summary>
/// Where an export's progress goes while <see cref="BulkExporter"/> gets it done: a first sync's export is stored (a
/// restarted Host polls the same operation), an id listing's is only remembered.
/// </summary>
internal interface IBulkExportProgress
{
    /// <summary>Shopify's id of the operation, once one was started.</summary>
    string? OperationId { get; }

    long ObjectCount { get; }

    /// <summary>Takes in what Shopify answered (the operation, or none when it refused or is busy), and what it cost.</summary>
    Task RecordAsync(BulkOperationNode? operation, ShopifyUsage usage, CancellationToken cancellationToken);

    /// <summary>Forgets the operation, so that a new one is started.</summary>
    Task RestartAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Gets a bulk export done, a first sync's or an id listing's: starts it (or goes on polling the one a stopped Host started), and polls
/// the operation by id (<c>node(id:)</c>) with a back-off until Shopify finishes it. Shopify runs one bulk query per shop and app at a
/// time (2025-10), so the resources of a shop take turns here, and an <c>OPERATION_IN_PROGRESS</c> answer (another
/// replica's export) is waited out like a poll. A failure is classified like a paged one: a missing scope fails the run;
/// anything else Shopify reports ends the export, and the run pages instead. An export whose result expired, or that
/// Shopify no longer knows, is started again.
/// https://shopify.dev/docs/api/usage/bulk-operations/queries
/// </summary>
internal sealed class BulkExporter(ShopifyBulkOperations operations, TimeProvider time, IOptions<SyncOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FinishedExport> ExportAsync(
        string bulkQuery, ShopAccess shop, SyncResource resource, IBulkExportProgress export, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartBulkStage("export", resource);
        var turn = _turns.GetOrAdd(shop.ShopDomain, _ => new SemaphoreSlim(1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            var delay = options.Value.BulkPollInitialDelay;
            while (true)
            {
                if (export.OperationId is null)
                {
                    var start = await operations.StartAsync(shop, bulkQuery, cancellationToken);
                    await export.RecordAsync(start.Operation, start.Usage, cancellationToken);
                    if (start.Refusal is { } refusal)
                    {
                        throw new BulkExportFailedException($"Shopify refused the bulk export ({refusal}).");
                    }
                }
                else
                {
                    var (operation, details, usage) = await operations.PollAsync(shop, export.OperationId, cancellationToken);
                    await export.RecordAsync(operation, usage, cancellationToken);
                    activity?.SetTag("shopingest.bulk.objects", export.ObjectCount);
                    switch (operation?.Status)
                    {
                        case "COMPLETED":
                            return new FinishedExport(operation.Url, operation.CreatedAt, details);
                        case "FAILED" when operation.ErrorCode == "ACCESS_DENIED":
                            // Shopify keeps this operation failed: once the scope is granted, only a new export helps.
                            await export.RestartAsync(cancellationToken);
                            throw new ShopifyAccessDeniedException(
                                $"the bulk export of {resource.Name} failed with ACCESS_DENIED", resource.RequiredScope, usage);
                        case "FAILED":
                            throw new BulkExportFailedException($"Shopify's bulk export failed ({operation.ErrorCode ?? "no error code"}).");
                        case "CANCELED":
                            throw new BulkExportFailedException("Shopify's bulk export was canceled.");
                        case "EXPIRED" or null:
                            // Its result is gone (or Shopify forgot the operation): only a new export can give it.
                            await export.RestartAsync(cancellationToken);
                            delay = options.Value.BulkPollInitialDelay;
                            continue;
                    }
                }

                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.BulkPollMaxDelay.Ticks));
            }
        }
        finally
        {
            turn.Release();
        }
    }
}
