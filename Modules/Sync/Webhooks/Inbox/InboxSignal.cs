using System.Threading.Channels;

namespace ShopIngest.Modules.Sync.Webhooks.Inbox;

/// <summary>Wakes the processor when a delivery was stored; wakes pile up into one, since one pass takes them all.</summary>
internal sealed class InboxSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Waits until woken (true) or until <paramref name="timeout"/> has passed (false).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.WaitToReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look anyway.
        }

        return _wakes.Reader.TryRead(out _);
    }
}
