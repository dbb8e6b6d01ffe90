using ShopIngest.ShopifySimulator.Shops;

namespace ShopIngest.ShopifySimulator.Generation;

/// <summary>
/// Changes a shop as a live one changes: new records, edits that bump updatedAt, cancellations and refunds of orders,
/// deletions and changes to the shop itself, with customer totals kept equal to the sum over their orders. Every change of one request carries the
/// same timestamp, later than any the shop already has (a live shop's clock never goes back), so an
/// updated record moves to the end of an UPDATED_AT walk.
/// </summary>
internal sealed class ShopChanges(int seed)
{
    public const int MaxPerResource = 100_000;

    private readonly Random _pick = new(Seeds.Derive(seed, Seeds.Changes));
    private readonly CatalogFactory _catalog = new(Seeds.Derive(seed, Seeds.Changes + Seeds.Catalog));
    private readonly CustomerFactory _customers = new(Seeds.Derive(seed, Seeds.Changes + Seeds.Customers));
    private readonly OrderFactory _orders = new(Seeds.Derive(seed, Seeds.Changes + Seeds.Orders));

    public ChangeOutcome Apply(ShopData shop, ChangeRequest request, DateTimeOffset clockNow)
    {
        var update = Resolve(shop, request.Update, "update");
        var delete = Resolve(shop, request.Delete, "delete");
        var cancel = Resolve(shop, request.Cancel, "cancel");
        var refund = Resolve(shop, request.Refund, "refund");
        var problems = update.Problems.Concat(delete.Problems).Concat(cancel.Problems).Concat(refund.Problems).ToList();
        problems.AddRange(CountProblems(request));
        if (request.Create?.Ids is { Count: > 0 })
        {
            problems.Add("create takes counts only, not ids.");
        }

        foreach (var (what, targets, named) in new[] { ("cancel", request.Cancel, cancel), ("refund", request.Refund, refund) })
        {
            if (targets is not null && (targets.Products != 0 || targets.Customers != 0 || named.Products.Count + named.Customers.Count > 0))
            {
                problems.Add($"{what} applies to orders only.");
            }
        }

        problems.AddRange(request.Shop?.Problems(shop) ?? []);

        if (problems.Count > 0)
        {
            return new ChangeOutcome(null, problems);
        }

        var now = Math.Max(UnixTime.Seconds(clockNow), shop.LatestTimestamp + 1);
        shop.LatestTimestamp = now;
        var result = new ChangeResult();
        Create(shop, request.Create ?? new ChangeTargets(), now, result);
        Update(shop, request.Update ?? new ChangeTargets(), update, now, result);
        var warnings = new List<string>();
        Adjust(shop, request.Cancel, cancel, "cancelled", OrderFactory.CanCancel, _orders.Cancel, result.Cancelled, now, result, warnings);
        Adjust(shop, request.Refund, refund, "refunded", OrderFactory.CanRefund, _orders.Refund, result.Refunded, now, result, warnings);
        warnings.AddRange(Delete(shop, request.Delete ?? new ChangeTargets(), delete, now, result));
        if (request.Shop is { } shopChange)
        {
            shop.Settings = shopChange.ApplyTo(shop.Settings);
            result.ShopUpdated = true;
        }

        shop.Products.RecordsChanged();
        shop.Customers.RecordsChanged();
        shop.Orders.RecordsChanged();
        return new ChangeOutcome(result, warnings);
    }

    private void Create(ShopData shop, ChangeTargets create, long now, ChangeResult result)
    {
        for (var i = 0; i < create.Products; i++)
        {
            result.Created.Products.Add(Gid.For("Product", shop.Products[_catalog.AddProduct(shop, now, now)].Id));
        }

        for (var i = 0; i < create.Customers; i++)
        {
            result.Created.Customers.Add(Gid.For("Customer", shop.Customers[_customers.AddCustomer(shop, now, now)].Id));
        }

        for (var i = 0; i < create.Orders; i++)
        {
            ref var order = ref shop.Orders[_orders.AddOrder(shop, now, now)];
            result.Created.Orders.Add(Gid.For("Order", order.Id));
            if (order.CustomerIndex >= 0 && order.Counts)
            {
                result.Updated.AddCustomer(shop.Customers[order.CustomerIndex].Id);
            }
        }
    }

    private void Update(ShopData shop, ChangeTargets targets, ResolvedIds named, long now, ChangeResult result)
    {
        foreach (var index in named.Products.Concat(Sample(shop.Products, targets.Products, named.Products)))
        {
            _catalog.Edit(shop, index, now);
            result.Updated.Products.Add(Gid.For("Product", shop.Products[index].Id));
        }

        foreach (var index in named.Customers.Concat(Sample(shop.Customers, targets.Customers, named.Customers)))
        {
            _customers.Edit(shop, index, now);
            result.Updated.AddCustomer(shop.Customers[index].Id);
        }

        foreach (var index in named.Orders.Concat(Sample(shop.Orders, targets.Orders, named.Orders)))
        {
            if (_orders.Advance(shop, index, now))
            {
                result.Updated.AddCustomer(shop.Customers[shop.Orders[index].CustomerIndex].Id);
            }

            result.Updated.Orders.Add(Gid.For("Order", shop.Orders[index].Id));
        }
    }

    /// <summary>
    /// Cancels or refunds the named orders and <c>targets.Orders</c> random others that <paramref name="eligible"/> allows;
    /// a named order it does not allow, and a count that cannot be met, are warnings.
    /// </summary>
    private void Adjust(
        ShopData shop, ChangeTargets? targets, ResolvedIds named, string done, Func<OrderRecord, bool> eligible,
        Func<ShopData, int, long, bool> adjust, List<string> adjusted, long now, ChangeResult result, List<string> warnings)
    {
        if (targets is null)
        {
            return;
        }

        var chosen = new List<int>();
        foreach (var index in named.Orders)
        {
            if (eligible(shop.Orders[index]))
            {
                chosen.Add(index);
            }
            else
            {
                warnings.Add($"{Gid.For("Order", shop.Orders[index].Id)} cannot be {done} and was left as it was.");
            }
        }

        var candidates = shop.Orders.LiveIndexes().Where(i => eligible(shop.Orders[i]) && !named.Orders.Contains(i)).ToList();
        var sampled = SampleFrom(candidates, targets.Orders);
        if (sampled.Count < targets.Orders)
        {
            warnings.Add($"fewer orders than asked were left that can be {done}.");
        }

        foreach (var index in chosen.Concat(sampled))
        {
            if (adjust(shop, index, now))
            {
                result.Updated.AddCustomer(shop.Customers[shop.Orders[index].CustomerIndex].Id);
            }

            adjusted.Add(Gid.For("Order", shop.Orders[index].Id));
        }
    }

    private List<string> Delete(ShopData shop, ChangeTargets targets, ResolvedIds named, long now, ChangeResult result)
    {
        var problems = new List<string>();
        foreach (var index in named.Orders.Concat(Sample(shop.Orders, targets.Orders, named.Orders)).ToList())
        {
            ref var order = ref shop.Orders[index];
            shop.ApplyToCustomerTotals(index, -1);
            if (order.CustomerIndex >= 0 && order.Counts)
            {
                shop.Customers[order.CustomerIndex].UpdatedAt = now;
                result.Updated.AddCustomer(shop.Customers[order.CustomerIndex].Id);
            }

            shop.Orders.Delete(index);
            result.Deleted.Orders.Add(Gid.For("Order", order.Id));
        }

        foreach (var index in named.Products.Concat(Sample(shop.Products, targets.Products, named.Products)).ToList())
        {
            shop.Products.Delete(index);
            result.Deleted.Products.Add(Gid.For("Product", shop.Products[index].Id));
        }

        // As on Shopify, a customer who has orders cannot be deleted.
        var withOrders = shop.Orders.LiveIndexes().Select(i => shop.Orders[i].CustomerIndex).Where(c => c >= 0).ToHashSet();
        foreach (var index in named.Customers.Where(withOrders.Contains))
        {
            problems.Add($"{Gid.For("Customer", shop.Customers[index].Id)} has orders and was not deleted.");
        }

        var deletable = named.Customers.Where(i => !withOrders.Contains(i)).ToList();
        var unnamed = shop.Customers.LiveIndexes().Where(i => !withOrders.Contains(i) && !deletable.Contains(i)).ToList();
        deletable.AddRange(SampleFrom(unnamed, targets.Customers));
        foreach (var index in deletable)
        {
            shop.Customers.Delete(index);
            result.Deleted.Customers.Add(Gid.For("Customer", shop.Customers[index].Id));
        }

        if (deletable.Count - named.Customers.Count(i => !withOrders.Contains(i)) < targets.Customers)
        {
            problems.Add("fewer customers without orders than asked were left to delete.");
        }

        return problems;
    }

    /// <summary>Distinct random live records, none of those named explicitly.</summary>
    private List<int> Sample<T>(RecordTable<T> table, int count, List<int> excluded) where T : struct, ITopLevelRecord =>
        count == 0 ? [] : SampleFrom([.. table.SortedBy(RecordField.Id).Where(i => !excluded.Contains(i))], count);

    private List<int> SampleFrom(List<int> candidates, int count)
    {
        if (count >= candidates.Count)
        {
            return candidates;
        }

        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            chosen.Add(candidates[_pick.Next(candidates.Count)]);
        }

        return [.. chosen];
    }

    private static ResolvedIds Resolve(ShopData shop, ChangeTargets? targets, string what)
    {
        var resolved = new ResolvedIds();
        foreach (var gid in targets?.Ids ?? [])
        {
            var found = Gid.TryParse(gid, out var resource, out var id) ? resource switch
            {
                "Product" => Add(resolved.Products, shop.Products.IndexOfId(id)),
                "Customer" => Add(resolved.Customers, shop.Customers.IndexOfId(id)),
                "Order" => Add(resolved.Orders, shop.Orders.IndexOfId(id)),
                _ => false,
            } : false;
            if (!found)
            {
                resolved.Problems.Add($"{what}: '{gid}' is not a product, customer or order of this shop.");
            }
        }

        return resolved;

        static bool Add(List<int> indexes, int index)
        {
            if (index >= 0 && !indexes.Contains(index))
            {
                indexes.Add(index);
            }

            return index >= 0;
        }
    }

    private static IEnumerable<string> CountProblems(ChangeRequest request)
    {
        foreach (var (what, targets) in new[]
                 {
                     ("create", request.Create), ("update", request.Update), ("delete", request.Delete),
                     ("cancel", request.Cancel), ("refund", request.Refund),
                 })
        {
            if (targets is not null && new[] { targets.Products, targets.Customers, targets.Orders }.Any(c => c is < 0 or > MaxPerResource))
            {
                yield return $"{what}: counts must be between 0 and {MaxPerResource}.";
            }
        }
    }

    private sealed class ResolvedIds
    {
        public List<int> Products { get; } = [];
        public List<int> Customers { get; } = [];
        public List<int> Orders { get; } = [];
        public List<string> Problems { get; } = [];
    }
}

/// <summary>
/// The body of <c>POST /_sim/shops/{shop}/changes</c>. <c>cancel</c> and <c>refund</c> take orders only; <c>shop</c>
/// changes the shop's own settings.
/// </summary>
internal sealed record ChangeRequest(
    ChangeTargets? Create, ChangeTargets? Update, ChangeTargets? Delete,
    ChangeTargets? Cancel = null, ChangeTargets? Refund = null, ShopChange? Shop = null);

/// <summary>How many random records to change, plus (all but create) records named by gid.</summary>
internal sealed record ChangeTargets(int Products = 0, int Customers = 0, int Orders = 0, List<string>? Ids = null);

internal sealed record ChangeOutcome(ChangeResult? Result, List<string> Problems);

/// <summary>
/// A change to the shop itself, as a merchant makes it in the settings: its IANA time zone, and its currency while it
/// has no orders (the simulator keeps an order's amounts in the shop's currency, so it cannot change under orders).
/// </summary>
internal sealed record ShopChange(string? Timezone = null, string? Currency = null)
{
    public IEnumerable<string> Problems(ShopData shop)
    {
        if (Timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(Timezone, out _))
        {
            yield return $"shop.timezone '{Timezone}' is not a known IANA time zone.";
        }

        if (Currency is not null && !CurrencyCodes.All.Contains(Currency))
        {
            yield return $"shop.currency '{Currency}' is not a Shopify CurrencyCode.";
        }

        if (Currency is not null && Currency != shop.Settings.Currency && shop.Orders.Count > 0)
        {
            yield return "shop.currency can change only while the shop has no orders.";
        }
    }

    public ShopSettings ApplyTo(ShopSettings settings) => settings with
    {
        TimeZone = Timezone is null ? settings.TimeZone : TimeZoneInfo.FindSystemTimeZoneById(Timezone),
        Currency = Currency ?? settings.Currency,
    };
}

/// <summary>What changed, by gid. Customers whose totals moved because of an order change are listed as updated.</summary>
internal sealed class ChangeResult
{
    public ChangedIds Created { get; } = new();
    public ChangedIds Updated { get; } = new();
    public ChangedIds Deleted { get; } = new();

    /// <summary>Orders cancelled; Shopify sends orders/cancelled and orders/updated for each.</summary>
    public List<string> Cancelled { get; } = [];

    /// <summary>Orders given a refund; Shopify sends orders/updated for each.</summary>
    public List<string> Refunded { get; } = [];

    /// <summary>Whether the shop's own settings changed.</summary>
    public bool ShopUpdated { get; set; }
}

internal sealed class ChangedIds
{
    public List<string> Products { get; } = [];
    public List<string> Customers { get; } = [];
    public List<string> Orders { get; } = [];

    public void AddCustomer(long id)
    {
        var gid = Gid.For("Customer", id);
        if (!Customers.Contains(gid))
        {
            Customers.Add(gid);
        }
    }
}
