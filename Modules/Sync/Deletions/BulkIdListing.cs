using System.Text.Json;
using ShopIngest.Modules.Sync.Pipeline.Bulk;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Deletions;

/// <summary>The ids a listing found, and what asking Shopify for them cost.</summary>
internal sealed record ListedIds(HashSet<long> Ids, ShopifyUsage Usage, int Requests);

/// <summary>
/// Lists every id of a resource through a bulk export: for a large shop, paging ids costs about a point a record, while
/// an export costs the points of its start and its polls whatever the shop's size
/// (https://shopify.dev/docs/api/usage/bulk-operations/queries). The result file has one <c>{"id": …}</c> per line; it is
/// read as it downloads, keeping only the ids. Nothing is stored: a listing stopped half-way is simply made again.
/// </summary>
internal sealed class BulkIdListing(BulkExporter exporter, ExportResultFile resultFile)
{
    /// <summary>
    /// The ids Shopify has of the resource (matching <paramref name="search"/>), or null when they could not be had from
    /// an export (it failed, its result expired, or a line of it named no record): the caller then pages.
    /// </summary>
    public async Task<ListedIds?> ListAsync(ShopAccess shop, SyncResource resource, string? search, CancellationToken cancellationToken)
    {
        var filter = search is null ? "" : $"(query: {JsonSerializer.Serialize(search)})";
        var query = $$"""{ {{resource.Name}}{{filter}} { edges { node { id } } } }""";
        var progress = new RememberedProgress();
        try
        {
            var finished = await exporter.ExportAsync(query, shop, resource, progress, cancellationToken);
            var ids = finished.Url is null ? [] : await ReadIdsAsync(finished.Url, cancellationToken);
            return ids is null ? null : new ListedIds(ids, progress.Usage, progress.Requests);
        }
        catch (Exception notExported) when (notExported is BulkExportFailedException or BulkResultExpiredException)
        {
            // Failed, or expired before it was read: paging is the sure way now.
            return null;
        }
    }

    private async Task<HashSet<long>?> ReadIdsAsync(string url, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        await foreach (var line in resultFile.ReadLinesAsync(url, cancellationToken))
        {
            // An id left out would have its record deleted: a line without one makes the whole listing untrustworthy.
            if (ExportResultFile.Ids(line).Id is not { } id)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>An export that is only remembered, with the points its requests cost.</summary>
    private sealed class RememberedProgress : IBulkExportProgress
    {
        public string? OperationId { get; private set; }

        public long ObjectCount { get; private set; }

        public ShopifyUsage Usage { get; private set; }

        public int Requests { get; private set; }

        public Task RecordAsync(BulkOperationNode? operation, ShopifyUsage usage, CancellationToken cancellationToken)
        {
            OperationId = operation?.Id ?? OperationId;
            ObjectCount = operation?.ObjectCount ?? ObjectCount;
            Usage += usage;
            Requests++;
            return Task.CompletedTask;
        }

        public Task RestartAsync(CancellationToken cancellationToken)
        {
            OperationId = null;
            return Task.CompletedTask;
        }
    }
}
