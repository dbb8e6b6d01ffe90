using System.Diagnostics.CodeAnalysis;
using ShopIngest.ShopifySimulator.Bulk;
using ShopIngest.ShopifySimulator.Cost;
using ShopIngest.ShopifySimulator.Faults;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>One simulated shop: its data, its throttle bucket, its faults and its counters.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The SemaphoreSlim never creates its wait handle, so it holds nothing to release; a replaced shop may still be serving requests.")]
internal sealed class SimulatedShop
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile GrantedScopes _scopes;
    private volatile ServingSettings _serving;
    private volatile bool _installed = true;

    public SimulatedShop(ShopDefinition definition, ShopData data, TimeProvider time, WebhookSender webhookSender)
    {
        Definition = definition;
        Data = data;
        _scopes = GrantedScopes.Of(definition.Scopes);
        _serving = definition.ToServing();
        Throttle = definition.Throttle ?? ThrottleSettings.Standard;
        Bucket = new LeakyBucket(Throttle, time);
        Faults = new FaultInjector(definition.Seed);
        Changes = new ShopChanges(definition.Seed);
        Webhooks = new ShopWebhooks(this, webhookSender);
    }

    public string Domain => Definition.Shop;

    public ShopDefinition Definition { get; }

    public ShopData Data { get; }

    public ThrottleSettings Throttle { get; }

    public LeakyBucket Bucket { get; }

    public FaultInjector Faults { get; }

    public ShopStats Stats { get; } = new();

    /// <summary>The scopes granted to the token; a merchant may grant or revoke them while the shop serves.</summary>
    public GrantedScopes Scopes
    {
        get => _scopes;
        set => _scopes = value;
    }

    /// <summary>The search index lag and the bulk export's pace and URL lifetime, which may change while the shop serves.</summary>
    public ServingSettings Serving
    {
        get => _serving;
        set => _serving = value;
    }

    /// <summary>The shop's bulk operations; their exports run in the background.</summary>
    public ShopBulkOperations BulkOperations { get; } = new();

    /// <summary>Applies the changes of <c>POST /_sim/shops/{shop}/changes</c>; seeded so a sequence of changes is reproducible.</summary>
    public ShopChanges Changes { get; }

    /// <summary>The app's webhook subscriptions on the shop and the deliveries on their way.</summary>
    public ShopWebhooks Webhooks { get; }

    /// <summary>
    /// Whether the app is installed: once uninstalled (<c>POST /_sim/shops/{shop}/uninstall</c>) its token is refused,
    /// as Shopify revokes it, until it is installed again.
    /// </summary>
    public bool Installed
    {
        get => _installed;
        set => _installed = value;
    }

    /// <summary>
    /// Queries and changes take turns on the shop's data: it is mutated in place, and one query
    /// of 250 records takes milliseconds, so serialising is simpler than copying a million orders.
    /// </summary>
    public async Task<T> UseDataAsync<T>(Func<ShopData, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work(Data);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<T> UseDataAsync<T>(Func<ShopData, T> work, CancellationToken cancellationToken) =>
        UseDataAsync(data => Task.FromResult(work(data)), cancellationToken);

    public bool AcceptsToken(string? token) =>
        Installed
        && token is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(Definition.AccessToken));
}
