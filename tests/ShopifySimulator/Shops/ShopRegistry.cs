using System.Collections.Concurrent;
using ShopIngest.ShopifySimulator.Generation;
using ShopIngest.ShopifySimulator.Webhooks;

namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>The shops this simulator serves, by domain (case-insensitive, as host names are).</summary>
internal sealed class ShopRegistry(SimulatorClock clock, WebhookSender webhookSender)
{
    private readonly ConcurrentDictionary<string, SimulatedShop> _shops = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Domains => _shops.Keys.Order(StringComparer.Ordinal);

    /// <summary>Generates the shop's data and puts it in place of any shop of the same domain.</summary>
    public SimulatedShop CreateOrReplace(ShopDefinition definition)
    {
        var reference = definition.ReferenceDate ?? clock.Time.GetUtcNow();
        var data = ShopGenerator.Generate(definition, reference);
        var shop = new SimulatedShop(definition, data, clock.Time, webhookSender);
        _shops.AddOrUpdate(definition.Shop, shop, (_, replaced) =>
        {
            replaced.BulkOperations.CancelAll();
            replaced.Webhooks.Stop();
            return shop;
        });
        return shop;
    }

    public SimulatedShop? Find(string domain) => _shops.GetValueOrDefault(domain);

    /// <summary>Removes the shop and stops its bulk exports and webhook deliveries.</summary>
    public bool Remove(string domain)
    {
        if (!_shops.TryRemove(domain, out var removed))
        {
            return false;
        }

        removed.BulkOperations.CancelAll();
        removed.Webhooks.Stop();
        return true;
    }
}

/// <summary>
/// The simulator's clock (throttle refills, change timestamps, default reference date). Kept apart
/// from the container's TimeProvider so a test's fake clock moves the simulator, not Kestrel.
/// </summary>
internal sealed class SimulatorClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
