using System.Threading.Channels;
using ShopIngest.ShopifySimulator.Faults;
using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Webhooks;

/// <summary>
/// A shop's webhook subscriptions and the deliveries on their way to them. Deliveries go out at least once: a few at a
/// time, in the order they were triggered unless the shop's faults hold some back, send some twice or lose a first
/// attempt. A failed attempt (an answer other than 2xx, no answer within the shop's timeout, no connection) is retried
/// after the shop's back-off, doubling each time; when the last retry fails too, the delivery is given up and its
/// subscription removed, as Shopify removes a subscription made through the Admin API after its deliveries keep failing
/// (https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks). A subscription deleted meanwhile gets no
/// further attempt.
/// </summary>
internal sealed class ShopWebhooks
{
    /// <summary>Deliveries of one shop sent side by side.</summary>
    private const int Senders = 4;

    private readonly SimulatedShop _shop;
    private readonly WebhookSender _sender;
    private readonly Lock _lock = new();
    private readonly List<WebhookSubscription> _subscriptions = [];
    private readonly Channel<Attempt> _queue = Channel.CreateUnbounded<Attempt>();
    private readonly CancellationTokenSource _stopping;
    private long _lastId = 1_420_000_000;
    private long _lastDataRequestId = 9_000;
    private int _sendersStarted;

    public ShopWebhooks(SimulatedShop shop, WebhookSender sender)
    {
        _shop = shop;
        _sender = sender;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(sender.Stopping);
    }

    public IReadOnlyList<WebhookSubscription> Subscriptions
    {
        get
        {
            lock (_lock)
            {
                return [.. _subscriptions];
            }
        }
    }

    public WebhookSubscription? Find(string? gid)
    {
        var id = Gid.ParseFor("WebhookSubscription", gid);
        lock (_lock)
        {
            return _subscriptions.Find(s => s.Id == id);
        }
    }

    /// <summary>
    /// Adds a subscription unless one for the same topic and address exists, which is returned instead: Shopify answers
    /// "Address for this topic has already been taken" then.
    /// </summary>
    public (WebhookSubscription? Created, WebhookSubscription? Taken) Add(
        WebhookTopic topic, string uri, WebhookSubscriptionFormat format, IReadOnlyList<string>? includeFields,
        IReadOnlyList<string> metafieldNamespaces, string apiVersion, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_subscriptions.Find(s => s.Topic == topic && s.Uri == uri) is { } taken)
            {
                return (null, taken);
            }

            var subscription = new WebhookSubscription(
                _lastId += 7, topic, uri, format, includeFields, metafieldNamespaces, apiVersion, now);
            _subscriptions.Add(subscription);
            return (subscription, null);
        }
    }

    public bool Remove(long id)
    {
        lock (_lock)
        {
            return _subscriptions.RemoveAll(s => s.Id == id) > 0;
        }
    }

    /// <summary>The app was uninstalled: its subscriptions go with it.</summary>
    public void RemoveAll()
    {
        lock (_lock)
        {
            _subscriptions.Clear();
        }
    }

    /// <summary>
    /// Sends each message to every subscription of its topic, as the subscriptions stand now. A delivery that is
    /// <paramref name="detached"/> from its subscription goes out even once the subscription is gone: app/uninstalled,
    /// whose subscriptions go with the app.
    /// </summary>
    public void Publish(IEnumerable<(WebhookTopic Topic, WebhookMessage Message)> messages, bool detached = false)
    {
        var subscriptions = Subscriptions;
        foreach (var (topic, message) in messages)
        {
            foreach (var subscription in subscriptions.Where(s => s.Topic == topic))
            {
                Queue(new WebhookDelivery(
                    message, subscription.Uri, subscription.ApiVersion, detached ? null : subscription.Id, message.Body(subscription.IncludeFields)));
            }
        }
    }

    /// <summary>The id of a new customers/data_request: Shopify numbers them.</summary>
    public long NextDataRequestId() => Interlocked.Increment(ref _lastDataRequestId);

    /// <summary>Sends a compliance topic's message to the app's compliance address.</summary>
    public WebhookDelivery SendCompliance(WebhookMessage message, string uri, string apiVersion)
    {
        var delivery = new WebhookDelivery(message, uri, apiVersion, null, message.Body(null));
        Queue(delivery);
        return delivery;
    }

    /// <summary>Stops the shop's deliveries: it is removed or replaced.</summary>
    public void Stop()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    private void Queue(WebhookDelivery delivery)
    {
        if (_shop.Faults.NextWebhook() is not { } faults)
        {
            _shop.Stats.WebhookSuppressed();
            return;
        }

        StartSenders();
        Enqueue(new Attempt(delivery, 1, faults.DropFirstAttempt), faults.HoldBackMs, FaultKind.WebhookReorder);
        if (faults.DropFirstAttempt)
        {
            _shop.Stats.FaultInjected(FaultKind.WebhookDropFirstAttempt);
        }

        if (faults.Duplicate)
        {
            Enqueue(new Attempt(delivery, 1, Drop: false), 0, FaultKind.WebhookDuplicate);
        }
    }

    /// <summary>Queues a new delivery (or a copy of one), after <paramref name="delayMs"/> when it is held back.</summary>
    private void Enqueue(Attempt attempt, int delayMs, FaultKind fault)
    {
        _shop.Stats.WebhookQueued();
        if (fault == FaultKind.WebhookDuplicate || delayMs > 0)
        {
            _shop.Stats.FaultInjected(fault);
        }

        Later(attempt, delayMs);
    }

    private void Later(Attempt attempt, int delayMs)
    {
        if (delayMs <= 0)
        {
            _queue.Writer.TryWrite(attempt);
            return;
        }

        _ = WriteLaterAsync();

        async Task WriteLaterAsync()
        {
            try
            {
                await Task.Delay(delayMs, _stopping.Token);
                _queue.Writer.TryWrite(attempt);
            }
            catch (OperationCanceledException)
            {
                // The shop or the simulator stopped.
            }
        }
    }

    private void StartSenders()
    {
        if (Interlocked.CompareExchange(ref _sendersStarted, 1, 0) != 0)
        {
            return;
        }

        for (var i = 0; i < Senders; i++)
        {
            _ = Task.Run(SendAllAsync);
        }
    }

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var attempt in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                await SendAsync(attempt);
            }
        }
        catch (OperationCanceledException)
        {
            // The shop or the simulator stopped.
        }
    }

    private async Task SendAsync(Attempt attempt)
    {
        var delivery = attempt.Delivery;
        if (delivery.SubscriptionId is { } id && !IsSubscribed(id))
        {
            _shop.Stats.WebhookAbandoned();
            return;
        }

        var settings = _shop.Serving.Webhooks;
        var delivered = !attempt.Drop
            && await _sender.SendAsync(_shop.Domain, delivery, settings.Secret, TimeSpan.FromMilliseconds(settings.TimeoutMs));
        if (delivered)
        {
            _shop.Stats.WebhookDelivered();
            return;
        }

        _shop.Stats.WebhookAttemptFailed();
        if (attempt.Number <= settings.MaxRetries)
        {
            // Retry n waits base × 2^(n-1): 8 retries of Shopify's 4 hours, compressed by a shorter base.
            var delay = settings.RetryBaseDelayMs * Math.Pow(2, attempt.Number - 1);
            Later(attempt with { Number = attempt.Number + 1, Drop = false }, (int)Math.Min(delay, int.MaxValue));
            return;
        }

        _shop.Stats.WebhookAbandoned();
        if (delivery.SubscriptionId is { } failing && Remove(failing))
        {
            _shop.Stats.WebhookSubscriptionRemoved();
        }
    }

    private bool IsSubscribed(long id)
    {
        lock (_lock)
        {
            return _subscriptions.Exists(s => s.Id == id);
        }
    }

    /// <param name="Delivery">What is sent, where.</param>
    /// <param name="Number">1 for the first attempt, 2 for the first retry, and so on.</param>
    /// <param name="Drop">Lose this attempt on the way instead of sending it.</param>
    private sealed record Attempt(WebhookDelivery Delivery, int Number, bool Drop);
}
