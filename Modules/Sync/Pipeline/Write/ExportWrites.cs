using ShopIngest.Modules.Sync.Pipeline.Bulk;

namespace ShopIngest.Modules.Sync.Pipeline.Write;

/// <summary>
/// The writes of one export, at most two at a time: the next one is started once the one before has begun its
/// ingest (so that it asks for the tenant's lock first), and once the one before that has ended.
/// </summary>
internal sealed class ExportWrites(BulkExport export)
{
    private Task? _previous;
    private long? _position;

    /// <summary>
    /// Starts a write of the lines up to <paramref name="through"/> (none, if it ends the export without records).
    /// <paramref name="write"/> is given the line the export's progress starts from, and a signal to give as its
    /// ingest begins.
    /// </summary>
    public async Task StartAsync(long? through, bool hasRecords, Func<long, TaskCompletionSource?, Task> write)
    {
        // A write without records takes no lock, so it would overtake the one before at once: it waits instead.
        if (!hasRecords)
        {
            await DrainAsync();
        }

        // Read at the first write, not before: a walk whose export had to start again reset the progress first.
        var from = _position ?? export.IngestedThrough;
        _position = through ?? from;
        var previous = _previous;
        var begun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = WriteInTurnAsync(write, from, begun, previous);
        _previous = current;
        await Task.WhenAny(begun.Task, current);
        if (previous is not null)
        {
            await previous;
        }
    }

    public async Task DrainAsync()
    {
        var last = _previous;
        _previous = null;
        if (last is not null)
        {
            await last;
        }
    }

    /// <summary>Waits for a write still running, whose failure (if any) follows from the one being reported.</summary>
    public async Task AbandonAsync()
    {
        if (_previous is { } last)
        {
            _previous = null;
            await Task.WhenAny(last);
            _ = last.Exception;
        }
    }

    private static async Task WriteInTurnAsync(Func<long, TaskCompletionSource?, Task> write, long from, TaskCompletionSource begun, Task? previous)
    {
        try
        {
            await write(from, begun);
        }
        catch (ExportWriteOutOfTurnException) when (previous is not null)
        {
            // It overtook the write before it and rolled back: it is written again once that one has committed.
            await previous;
            await write(from, null);
        }
    }
}
