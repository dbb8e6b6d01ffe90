namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>
/// What a reconciliation found Shopify still has: every id it lists (<see cref="Ids"/>), read after
/// <see cref="ListedFrom"/>. A stored record absent from the list is deleted only when it was stored before the listing
/// began (one stored since may be newer than the list) and, when <see cref="CreatedSince"/> is given (Shopify shows
/// only recent orders without read_all_orders), only when it was created since then.
/// </summary>
public sealed record PresentRecords(IReadOnlySet<long> Ids, DateTimeOffset ListedFrom, DateTimeOffset? CreatedSince = null);
