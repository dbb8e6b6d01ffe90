namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>
/// A record Shopify deleted: its id (the numeric part of its GID) and when the deletion happened, as the webhook,
/// the deletion event or the reconciliation saw it. Deletion is final: Shopify never reuses an id.
/// </summary>
public sealed record DeletedRecord(long ShopifyId, DateTimeOffset DeletedAt);
