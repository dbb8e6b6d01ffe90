using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>Shopify no longer serves the export's result (its URL expires 7 days after the export): a new export is needed.</summary>
internal sealed class BulkResultExpiredException(HttpStatusCode status)
    : Exception($"The bulk export's result could not be downloaded (HTTP {(int)status}); its URL has expired.");

/// <summary>
/// Downloads a bulk export's result, a JSONL file (https://shopify.dev/docs/api/usage/bulk-operations/queries), and
/// hands it over a line at a time as it arrives: a large shop's file is gigabytes, so it is never held whole. The one
/// way every reader of an export's result gets its lines.
/// </summary>
internal sealed class ExportResultFile(IHttpClientFactory httpClients, IOptions<SyncOptions> options)
{
    public const string HttpClientName = "shopify-bulk-results";

    /// <summary>
    /// The file's non-blank lines, as UTF-8 bytes that stay valid until the next one is asked for. A URL Shopify no
    /// longer serves (403, 404 or 410: expired) throws <see cref="BulkResultExpiredException"/>, any other failure
    /// <see cref="ShopifyUnavailableException"/>, and so does a download that stops sending for the request timeout.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlySequence<byte>> ReadLinesAsync(string url, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await OpenAsync(url, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var file = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 1 << 16));
        try
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                // A download that stops sending is given up after the request timeout, however long the file.
                stall.CancelAfter(options.Value.RequestTimeout);
                var read = await file.ReadAsync(stall.Token);
                var buffer = read.Buffer;
                while (TryReadLine(ref buffer, read.IsCompleted, out var line))
                {
                    if (!IsBlank(line))
                    {
                        yield return line;
                    }
                }

                file.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await file.CompleteAsync();
        }
    }

    /// <summary>
    /// The numbers of the line's own <c>id</c> and of its <c>__parentId</c> (a child's), read from its top level only.
    /// A line that is not JSON names nothing.
    /// </summary>
    public static ExportLineIds Ids(ReadOnlySequence<byte> line)
    {
        var json = new Utf8JsonReader(line);
        long? id = null, parentId = null;
        var isChild = false;
        try
        {
            while (json.Read())
            {
                if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth == 1)
                {
                    var isId = json.ValueTextEquals("id"u8);
                    var isParent = !isId && json.ValueTextEquals("__parentId"u8);
                    isChild |= isParent;
                    json.Read();
                    if (json.TokenType == JsonTokenType.String && (isId || isParent))
                    {
                        (isId ? ref id : ref parentId) = NumericGid(ref json);
                    }
                    else
                    {
                        json.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            return default;
        }

        return new ExportLineIds(id, isChild, parentId);
    }

    private static long? NumericGid(ref Utf8JsonReader json)
    {
        var read = json.ValueIsEscaped || json.HasValueSequence
            ? ShopifyGid.TryNumeric(json.GetString(), out var id)
            : ShopifyGid.TryNumeric(json.ValueSpan, out id);
        return read ? id : null;
    }

    private async Task<HttpResponseMessage> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        response.Dispose();
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new BulkResultExpiredException(response.StatusCode);
        }

        throw new ShopifyUnavailableException($"HTTP {(int)response.StatusCode} downloading the bulk export's result", new ShopifyUsage(1, 0, default, 0, 0));
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, bool isLast, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is { } end)
        {
            line = buffer.Slice(0, end);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
            return true;
        }

        // The file's last line may end without a newline.
        if (isLast && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        line = default;
        return false;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>
/// What a line of an export's result names: its own record's number, and whether it is a child (it has a
/// <c>__parentId</c>) with its parent's number. A child whose parent cannot be read belongs to no parent.
/// </summary>
internal readonly record struct ExportLineIds(long? Id, bool IsChild, long? ParentId);
