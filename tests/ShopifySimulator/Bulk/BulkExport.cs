using GraphQL.Execution;
using GraphQL.Types;
using ShopIngest.ShopifySimulator.Faults;
using ShopIngest.ShopifySimulator.GraphQL;
using ShopIngest.ShopifySimulator.GraphQL.Types;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Bulk;

/// <summary>What an export needs besides its operation: where it reads, how it orders and fails, where it writes.</summary>
/// <param name="Shop">The shop whose data is exported, and whose pace and URL lifetime apply.</param>
/// <param name="Plan">The checked query.</param>
/// <param name="Reader">The request context the export reads through: the token's scopes and "now" as the operation started.</param>
/// <param name="Order">Null when children follow their parent (groupObjects); else what shuffles each page's lines.</param>
/// <param name="Faults">The faults drawn for this operation.</param>
/// <param name="Schema">The Admin schema, whose resolvers and scalars produce the lines.</param>
internal sealed record BulkExportSetup(
    SimulatedShop Shop, BulkQueryPlan Plan, ShopRequestContext Reader, Random? Order, BulkFaultPlan Faults, ISchema Schema);

/// <summary>
/// Runs one bulk operation in the background: walks the top-level connection a page at a time (taking the shop's data
/// in turn with requests and changes), writes the lines to a file as it goes, and never faster than the shop's
/// <c>bulkExportObjectsPerSecond</c> on the simulator's clock, so <c>objectCount</c> grows while the operation is
/// RUNNING and a test moves it by moving the clock. It ends COMPLETED, FAILED (a missing scope, or an injected fault with
/// the lines so far behind <c>partialDataUrl</c>) or CANCELED.
/// </summary>
internal sealed class BulkExport(BulkOperation operation, BulkExportSetup setup, BulkResultFiles files, TimeProvider clock, ILogger logger)
    : IDisposable
{
    // Pace checks at most this often: a slow export still writes in steps rather than waking for every line.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    private readonly JsonlChunk _chunk = new(setup.Schema, setup.Reader);

    private long _lastTick = clock.GetTimestamp();
    private double _budget;
    private int _nextLine;
    private bool _started;
    private string? _cursor;
    private long _failAtRoots = long.MaxValue;
    private long _objects;
    private long _roots;
    private long _bytes;

    public async Task RunAsync(CancellationToken stopping)
    {
        var (token, path) = (string.Empty, (string?)null);
        (BulkOperationStatus Status, BulkOperationErrorCode? Error) outcome;
        try
        {
            (token, path) = files.Create(clock.GetUtcNow());
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            outcome = await ExportAsync(output, stopping);
        }
        catch (ShopifyExecutionError e) when (e.Code == "ACCESS_DENIED")
        {
            // The query names a resource the token has no scope for: Shopify fails the operation with ACCESS_DENIED.
            outcome = (BulkOperationStatus.Failed, BulkOperationErrorCode.AccessDenied);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            outcome = (BulkOperationStatus.Canceled, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Bulk operation {Operation} of {Shop} failed", operation.Gid, setup.Shop.Domain);
            outcome = (BulkOperationStatus.Failed, BulkOperationErrorCode.InternalServerError);
        }

        Finish(outcome.Status, outcome.Error, token, path);
    }

    private async Task<(BulkOperationStatus, BulkOperationErrorCode?)> ExportAsync(FileStream output, CancellationToken stopping)
    {
        operation.Update(p => p.Status == BulkOperationStatus.Created ? p with { Status = BulkOperationStatus.Running } : p);
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            if (operation.CancelRequested.IsCompleted)
            {
                return (BulkOperationStatus.Canceled, null);
            }

            if (_nextLine == _chunk.Lines.Count)
            {
                if (_started && _cursor is null)
                {
                    // A failure drawn for a point the export never reached still ends it: the fault was asked for.
                    return setup.Faults.Failure == FaultKind.None ? (BulkOperationStatus.Completed, null) : Injected();
                }

                _cursor = await setup.Shop.UseDataAsync(_ => ReadNextPage(), stopping);
                continue;
            }

            var allowed = Allowance();
            if (allowed == 0)
            {
                // The timer is set before the clock is read again: a clock moved in between is seen now or fires it.
                var paced = Task.Delay(NextWait(), clock, stopping);
                if (Allowance() == 0)
                {
                    // A fake clock fires timers on the thread that moves it: the export carries on on the thread pool instead.
                    await ((Task)Task.WhenAny(paced, operation.CancelRequested)).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                }

                continue;
            }

            if (await WriteAsync(output, allowed, stopping))
            {
                return Injected();
            }
        }
    }

    /// <summary>The injected failure, counted in the shop's stats.</summary>
    private (BulkOperationStatus, BulkOperationErrorCode?) Injected()
    {
        setup.Shop.Stats.FaultInjected(setup.Faults.Failure);
        var error = setup.Faults.Failure == FaultKind.BulkTimedOut ? BulkOperationErrorCode.Timeout : BulkOperationErrorCode.InternalServerError;
        return (BulkOperationStatus.Failed, error);
    }

    /// <summary>Reads the next page of root objects into the chunk, while the export holds the shop's data; returns the cursor after it.</summary>
    private string? ReadNextPage()
    {
        if (!_started && setup.Faults.Failure != FaultKind.None)
        {
            _failAtRoots = FailurePoint();
        }

        var next = _chunk.WritePage(setup.Plan.Root, setup.Schema, _cursor);
        _started = true;
        _nextLine = 0;
        if (setup.Order is not null)
        {
            _chunk.Shuffle(setup.Order);
        }

        return next;
    }

    /// <summary>
    /// After how many root objects an injected failure strikes: the drawn share of what the query will export, counted
    /// by the resource's count field with the same <c>query:</c>, and at least one, so there is partial data to serve.
    /// </summary>
    private long FailurePoint()
    {
        var root = setup.Plan.Root;
        if (setup.Schema.Query.GetField(root.Definition!.Name + "Count") is not { } countField)
        {
            return long.MaxValue;
        }

        var arguments = new Dictionary<string, ArgumentValue> { ["limit"] = ArgumentValue.NullLiteral };
        if (root.Arguments?.TryGetValue("query", out var search) == true)
        {
            arguments["query"] = search;
        }

        var total = ((CountResult)_chunk.ResolveLeaf(countField, setup.Schema.Query, arguments)!).Count;
        return 1 + (long)(setup.Faults.FailAt * Math.Max(0, total - 1));
    }

    /// <summary>How many lines the pace allows now, given what was written since the operation started.</summary>
    private long Allowance()
    {
        var now = clock.GetTimestamp();
        _budget += clock.GetElapsedTime(_lastTick, now).TotalSeconds * setup.Shop.Serving.BulkExportObjectsPerSecond;
        _lastTick = now;
        return (long)Math.Floor(_budget);
    }

    private TimeSpan NextWait()
    {
        var seconds = (1 - _budget) / setup.Shop.Serving.BulkExportObjectsPerSecond;
        return TimeSpan.FromSeconds(Math.Max(seconds, MinimumWait.TotalSeconds));
    }

    /// <summary>Writes up to <paramref name="allowed"/> pending lines; true when an injected failure strikes first.</summary>
    private async Task<bool> WriteAsync(FileStream output, long allowed, CancellationToken stopping)
    {
        long written = 0;
        var failed = false;
        while (written < allowed && _nextLine < _chunk.Lines.Count)
        {
            var line = _chunk.Lines[_nextLine];
            if (line.IsRoot && _roots >= _failAtRoots)
            {
                failed = true;
                break;
            }

            await output.WriteAsync(_chunk.Bytes(line), stopping);
            _nextLine++;
            written++;
            _roots += line.IsRoot ? 1 : 0;
            _bytes += line.Length;
        }

        _objects += written;
        _budget -= written;
        setup.Shop.Stats.BulkObjectsExported(written);
        operation.Update(p => p with { ObjectCount = _objects, RootObjectCount = _roots });
        return failed;
    }

    public void Dispose() => _chunk.Dispose();

    private void Finish(BulkOperationStatus outcome, BulkOperationErrorCode? error, string token, string? path)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now.AddSeconds(setup.Shop.Serving.BulkResultUrlTtlSeconds);
        var kept = outcome is BulkOperationStatus.Completed or BulkOperationStatus.Failed && _objects > 0 && path is not null;
        if (!kept && path is not null && File.Exists(path))
        {
            // Nothing to serve: Shopify's url and partialDataUrl are null when there is no data.
            File.Delete(path);
        }

        var expired = outcome == BulkOperationStatus.Completed && kept && setup.Faults.UrlExpired;
        if (expired)
        {
            setup.Shop.Stats.FaultInjected(FaultKind.BulkUrlExpired);
        }

        operation.Update(p => outcome switch
        {
            BulkOperationStatus.Completed => p with
            {
                Status = outcome,
                CompletedAt = now,
                ExpiresAt = expiresAt,
                FileSize = kept ? _bytes : null,
                Result = kept ? files.Serve(token, path!, expired ? now : expiresAt) : null,
            },
            BulkOperationStatus.Failed => p with
            {
                Status = outcome,
                ErrorCode = error,
                PartialData = kept ? files.Serve(token, path!, expiresAt) : null,
            },
            _ => p with { Status = BulkOperationStatus.Canceled },
        });
    }
}
