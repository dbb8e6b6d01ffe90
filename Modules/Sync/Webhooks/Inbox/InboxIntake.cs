using System.Collections.Concurrent;

namespace ShopIngest.Modules.Sync.Webhooks.Inbox;

/// <summary>
/// Stores deliveries for the receiver, many to a transaction. Each delivery must be committed before its 200, and a
/// commit waits for the write-ahead log to reach the disk: one transaction per delivery makes that flush the cost of
/// every delivery. Here deliveries arriving while a write is under way wait for the next one, and go in together (a
/// group commit): under load a flush serves dozens of deliveries, and alone a delivery is written at once.
/// </summary>
/// <remarks>
/// No thread of its own: a request whose delivery finds a writer's place free writes what is waiting, its own among them,
/// and every writer looks again after it lets its place go, so nothing waits for a writer that has left. A group the
/// database refuses is written one delivery at a time, so that only the delivery at fault gets the error.
/// </remarks>
internal sealed class InboxIntake(WebhookInbox inbox, InboxSignal signal)
{
    /// <summary>Writes under way at once: one fills while the other commits.</summary>
    private const int Writers = 2;

    /// <summary>Deliveries in one write at most, which keeps its statement's parameters far below PostgreSQL's limit.</summary>
    private const int MaxGroup = 200;

    private readonly ConcurrentQueue<Waiting> _waiting = new();
    private int _writing;

    /// <summary>
    /// Stores the delivery (a copy of one stored already is left out), committed when this returns. There is no
    /// cancellation: once queued, the delivery may be in another request's group, which writes it whatever becomes of
    /// this request.
    /// </summary>
    public async Task AddAsync(Guid tenantId, ReceivedDelivery delivery)
    {
        var waiting = new Waiting(tenantId, delivery);
        _waiting.Enqueue(waiting);
        await WriteWhatWaitsAsync();
        await waiting.Stored.Task;
    }

    private async Task WriteWhatWaitsAsync()
    {
        while (!_waiting.IsEmpty && TryStartWriting())
        {
            try
            {
                var group = new List<Waiting>();
                while (group.Count < MaxGroup && _waiting.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                if (group.Count > 0)
                {
                    await WriteAsync(group);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _writing);
            }
        }
    }

    /// <summary>Takes a writer's place when one is free. Never counts past the limit, even for a moment: a writer looking again must find its place.</summary>
    private bool TryStartWriting()
    {
        while (true)
        {
            var writing = Volatile.Read(ref _writing);
            if (writing >= Writers)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _writing, writing + 1, writing) == writing)
            {
                return true;
            }
        }
    }

    private async Task WriteAsync(List<Waiting> group)
    {
        try
        {
            if (await inbox.AddAllAsync(group.Select(w => (w.TenantId, w.Delivery)).ToList(), CancellationToken.None) > 0)
            {
                signal.Wake();
            }

            group.ForEach(w => w.Stored.TrySetResult());
        }
        catch (Exception) when (group.Count > 1)
        {
            // One delivery can spoil the group (text PostgreSQL refuses, say): alone, each gets its own answer.
            foreach (var waiting in group)
            {
                await WriteAsync([waiting]);
            }
        }
        catch (Exception failure)
        {
            group[0].Stored.TrySetException(failure);
        }
    }

    private sealed class Waiting(Guid tenantId, ReceivedDelivery delivery)
    {
        public Guid TenantId { get; } = tenantId;

        public ReceivedDelivery Delivery { get; } = delivery;

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
