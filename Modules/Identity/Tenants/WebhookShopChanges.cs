using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ShopIngest.Modules.Identity.Tenants;

/// <summary>
/// How many changes to each shop's webhook answer (its secret, its redaction) this replica has committed. A lookup that
/// reads the count before and after its query knows whether a change may have landed in between, so its copy must not
/// stay cached. One count per shop domain, kept for the life of the process.
/// </summary>
internal sealed class WebhookShopChanges
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    /// <summary>The shop's count: the same box for every caller, whoever asks first.</summary>
    public StrongBox<long> Of(string shopDomain) => _counts.GetOrAdd(shopDomain, _ => new StrongBox<long>());
}
