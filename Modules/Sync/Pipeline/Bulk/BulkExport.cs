using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>
/// A first sync of a resource done through a Shopify bulk export, as far as it got: the operation Shopify runs (so a
/// restarted Host polls the same one instead of starting another), its result once staged, and how much of that is
/// ingested. At most one per resource of a tenant; deleted by the write that hands the resource over to paged syncs.
/// </summary>
internal sealed class BulkExport : ITenantOwned
{
    public Guid TenantId { get; init; }

    public required string Resource { get; init; }

    /// <summary>Shopify's id of the export (a BulkOperation gid); null until Shopify accepted it.</summary>
    public string? OperationId { get; set; }

    /// <summary>Shopify's status of the export (CREATED, RUNNING, COMPLETED...); NEW before one is started.</summary>
    public required string Status { get; set; }

    /// <summary>Objects exported so far, children included.</summary>
    public long ObjectCount { get; set; }

    /// <summary>Top-level objects exported so far: what the progress bar compares with <see cref="ExpectedRecords"/>.</summary>
    public long RootObjectCount { get; set; }

    /// <summary>How many records the resource had when the sync began (Shopify's count).</summary>
    public long? ExpectedRecords { get; init; }

    /// <summary>When Shopify created the export: everything changed since is fetched by the paged syncs that follow.</summary>
    public DateTimeOffset? ExportCreatedAt { get; set; }

    /// <summary>Lines in the export's result; null until Shopify finished it and its file was staged.</summary>
    public long? StagedLines { get; set; }

    /// <summary>The last staged line whose record is ingested: a resumed ingest goes on after it.</summary>
    public long IngestedThrough { get; set; }

    public DateTimeOffset StartedAt { get; init; }
}
