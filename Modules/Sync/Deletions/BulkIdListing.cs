using System.Text.Json;
using Microsoft.Extensions.Options;
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
internal sealed class BulkIdListing(BulkExporter exporter, BulkStaging staging, IOptions<SyncOptions> options)
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
        using var response = await staging.OpenResultAsync(url, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var lines = new StreamReader(body);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ids = new HashSet<long>();
        while (true)
        {
            // A download that stops sending is given up after the request timeout, however long the file.
            stall.CancelAfter(options.Value.RequestTimeout);
            if (await lines.ReadLineAsync(stall.Token) is not { } line)
            {
                return ids;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // An id left out would have its record deleted: a line without one makes the whole listing untrustworthy.
            if (IdOf(line) is not { } id)
            {
                return null;
            }

            ids.Add(id);
        }
    }

    private static long? IdOf(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var gid)
                   && gid.ValueKind == JsonValueKind.String && ShopifyGid.TryNumeric(gid.GetString(), out var id)
                ? id
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
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
