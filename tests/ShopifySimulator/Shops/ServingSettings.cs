namespace ShopIngest.ShopifySimulator.Shops;

/// <summary>
/// How a shop serves, changeable while it does (<c>PUT /_sim/shops/{shop}/settings</c>): replaced as a whole, so a
/// request sees one consistent set.
/// </summary>
/// <param name="SearchIndexLagSeconds">How long after a change the search behind <c>query:</c> still sees a record's previous version.</param>
/// <param name="BulkExportObjectsPerSecond">How fast a bulk operation writes objects (JSONL lines).</param>
/// <param name="BulkResultUrlTtlSeconds">How long the URL of a finished bulk operation is served; Shopify's is 7 days.</param>
internal sealed record ServingSettings(int SearchIndexLagSeconds, int BulkExportObjectsPerSecond, int BulkResultUrlTtlSeconds)
{
    /// <summary>A day: longer lags would only hide records from tests that forgot they set one.</summary>
    public const int MaxSearchIndexLagSeconds = 86_400;

    public const int DefaultBulkExportObjectsPerSecond = 1_000;

    /// <summary>Enough for a million orders with their line items in a few seconds.</summary>
    public const int MaxBulkExportObjectsPerSecond = 100_000_000;

    /// <summary>https://shopify.dev/docs/api/admin-graphql/2025-10/objects/BulkOperation: "The URL expires 7 days after the operation completes".</summary>
    public const int DefaultBulkResultUrlTtlSeconds = 7 * 86_400;

    public const int MaxBulkResultUrlTtlSeconds = 30 * 86_400;

    public List<string> Problems() =>
    [
        .. Range("searchIndexLagSeconds", SearchIndexLagSeconds, 0, MaxSearchIndexLagSeconds),
        .. Range("bulkExportObjectsPerSecond", BulkExportObjectsPerSecond, 1, MaxBulkExportObjectsPerSecond),
        .. Range("bulkResultUrlTtlSeconds", BulkResultUrlTtlSeconds, 0, MaxBulkResultUrlTtlSeconds),
    ];

    private static IEnumerable<string> Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            yield return $"{name} must be between {min} and {max}.";
        }
    }
}
