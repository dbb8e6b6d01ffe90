using ShopIngest.Modules.Shared.Tenancy;

namespace ShopIngest.Modules.Sync.Runs;

/// <summary>One sync of one resource of one tenant, as it went.</summary>
internal sealed class SyncRun : ITenantOwned
{
    public Guid TenantId { get; init; }

    public Guid Id { get; init; }

    /// <summary>products, customers or orders.</summary>
    public required string Resource { get; init; }

    /// <summary>schedule or manual.</summary>
    public required string Trigger { get; init; }

    /// <summary>running, succeeded or failed.</summary>
    public required string Status { get; set; }

    /// <summary>When it was asked for; a manual run may wait for the tenant's previous run to finish.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When it began pulling from Shopify.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The replica that ran it (its <c>Sync:NodeId</c>); the last one, when another resumed it.</summary>
    public string? Node { get; set; }

    public int Pages { get; set; }

    public long RecordsFetched { get; set; }

    /// <summary>Records written: fetched ones not older than what was stored.</summary>
    public long RecordsUpserted { get; set; }

    /// <summary>Records (or their line items and variants) received but unusable, such as one without an id; each is logged with its reason.</summary>
    public long RecordsSkipped { get; set; }

    /// <summary>Records removed because Shopify deleted them: seen in its deletion events, or missing from a reconciliation's list.</summary>
    public long RecordsDeleted { get; set; }

    /// <summary>Points Shopify charged (actualQueryCost).</summary>
    public long ApiPoints { get; set; }

    public long ThrottleWaitMs { get; set; }

    public int ThrottledResponses { get; set; }

    public int Retries { get; set; }

    /// <summary>Why it failed, in words.</summary>
    public string? Error { get; set; }

    /// <summary>paged (cursor paging through the API budget) or bulk (a Shopify bulk export of the whole history).</summary>
    public string Mode { get; set; } = RunMode.Paged;

    /// <summary>The Shopify bulk operation a bulk run waits for or ingests.</summary>
    public string? BulkOperationId { get; set; }

    /// <summary>That operation's Shopify status, as last polled.</summary>
    public string? BulkStatus { get; set; }

    /// <summary>Objects the export has written so far, children (line items, variants) included.</summary>
    public long? BulkObjectCount { get; set; }

    /// <summary>Top-level records the export has written so far.</summary>
    public long? BulkRootObjectCount { get; set; }

    /// <summary>How many records Shopify counted when the first sync began: the whole of a progress bar.</summary>
    public long? ExpectedRecords { get; set; }

    /// <summary>Something the merchant should know about how the run went, such as a bulk export that failed and was paged instead.</summary>
    public string? Notice { get; set; }
}

internal static class RunMode
{
    public const string Paged = "paged";
    public const string Bulk = "bulk";
}

internal static class RunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

internal static class RunTrigger
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
}
