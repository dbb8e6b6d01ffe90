namespace ShopIngest.Modules.Shared.Ingest;

/// <summary>
/// What an ingest call did with a page: how many records it received, and how many it wrote (a record older
/// than the stored one, or a duplicate within the page, is received but not applied).
/// </summary>
public sealed record IngestResult(int Received, int Applied);
