namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// The access scopes granted to the app's token on one shop. The simulator knows the handles that guard what it
/// serves; a write scope implies its read scope, as on Shopify
/// (https://shopify.dev/docs/api/usage/access-scopes). read_all_orders widens read_orders from the last 60 days to
/// every order but grants nothing by itself
/// (https://shopify.dev/docs/api/admin-graphql/2025-10/objects/Order).
/// </summary>
internal sealed class GrantedScopes
{
    public const string ReadProducts = "read_products";
    public const string ReadCustomers = "read_customers";
    public const string ReadOrders = "read_orders";
    public const string ReadAllOrders = "read_all_orders";

    /// <summary>A handle's description (as the AccessScope type reports it) and the read scope it implies.</summary>
    private static readonly Dictionary<string, (string Description, string? Implies)> Known = new(StringComparer.Ordinal)
    {
        [ReadProducts] = ("Read products, variants, and collections", null),
        ["write_products"] = ("Modify products, variants, and collections", ReadProducts),
        [ReadCustomers] = ("Read customer details and customer groups", null),
        ["write_customers"] = ("Modify customer details and customer groups", ReadCustomers),
        [ReadOrders] = ("Read orders, transactions, and fulfillments", null),
        ["write_orders"] = ("Modify orders, transactions, and fulfillments", ReadOrders),
        [ReadAllOrders] = ("Read all orders rather than the default window of 60 days worth of orders", null),
    };

    private readonly HashSet<string> _effective;

    private GrantedScopes(IEnumerable<string> granted)
    {
        var handles = granted.Distinct(StringComparer.Ordinal).ToList();
        var implied = handles.Select(h => Known[h].Implies).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        handles.AddRange(implied.Where(h => !handles.Contains(h, StringComparer.Ordinal)));
        Handles = handles;
        _effective = new HashSet<string>(handles, StringComparer.Ordinal);
    }

    /// <summary>What a token gets when the shop definition names no scopes: everything ingestion reads.</summary>
    public static IReadOnlyList<string> DefaultHandles { get; } = [ReadProducts, ReadCustomers, ReadOrders, ReadAllOrders];

    public static GrantedScopes Default { get; } = new(DefaultHandles);

    public static GrantedScopes None { get; } = new([]);

    /// <summary>The granted handles in the order given, followed by the read scopes their write scopes imply.</summary>
    public IReadOnlyList<string> Handles { get; }

    public bool Allows(string handle) => _effective.Contains(handle);

    public static string DescriptionOf(string handle) => Known[handle].Description;

    /// <summary>Null or an empty list is refused by the caller's own rules; unknown handles are reported here.</summary>
    public static List<string> Problems(IEnumerable<string> handles) =>
        [.. handles.Where(h => !Known.ContainsKey(h)).Select(h =>
            $"scopes: '{h}' is not an access scope the simulator knows ({string.Join(", ", Known.Keys)}).")];

    /// <summary>Call only with handles that passed <see cref="Problems"/>.</summary>
    public static GrantedScopes Of(IEnumerable<string>? handles) => handles is null ? Default : new GrantedScopes(handles);
}
