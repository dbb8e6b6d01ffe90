using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Shopify;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>Shopify no longer serves the export's result (its URL expires 7 days after the export): a new export is needed.</summary>
internal sealed class BulkResultExpiredException(HttpStatusCode status)
    : Exception($"The bulk export's result could not be downloaded (HTTP {(int)status}); its URL has expired.");

/// <summary>
/// Streams an export's JSONL result into PostgreSQL, and reads it back parent by parent with its children. With
/// <c>groupObjects: false</c> a child may come anywhere in the file, before or after its parent, so the join needs the
/// whole file: PostgreSQL holds it (a temporary table: private to the connection, so no other tenant can see it, and
/// written without WAL) and does the join, instead of the Host's memory. Nothing of the file is held in memory beyond the
/// line being copied. Lines are kept as the bytes they came as (UTF-8 JSON), which the JSON reader takes as they are:
/// as text they would be converted to .NET strings and back on the way in, and again on the way out.
/// </summary>
internal sealed class BulkStaging(NpgsqlDataSource dataSource, IHttpClientFactory httpClients, IOptions<SyncOptions> options)
{
    public const string HttpClientName = "shopify-bulk-results";

    /// <summary>Downloads and stages the result at <paramref name="url"/> (none: the export was empty).</summary>
    public async Task<StagedExport> StageAsync(SyncResource resource, string? url, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartBulkStage("download", resource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                DROP TABLE IF EXISTS pg_temp.bulk_lines;
                CREATE TEMPORARY TABLE bulk_lines (line bigint NOT NULL, gid text, parent_gid text, body bytea NOT NULL)
                """, cancellationToken);
            var lines = url is null ? 0 : await CopyAsync(connection, url, cancellationToken);

            // The keys are built once the file is in: cheaper than keeping them up to date line by line.
            await ExecuteAsync(connection, """
                ALTER TABLE pg_temp.bulk_lines ADD PRIMARY KEY (line);
                CREATE INDEX ON pg_temp.bulk_lines (parent_gid) WHERE parent_gid IS NOT NULL;
                ANALYZE pg_temp.bulk_lines
                """, cancellationToken);
            activity?.SetTag("shopingest.bulk.lines", lines);
            return new StagedExport(connection, lines);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts downloading an export's result, its headers read and its body not yet: a URL Shopify no longer serves
    /// (403, 404 or 410: expired) throws <see cref="BulkResultExpiredException"/>, any other failure
    /// <see cref="ShopifyUnavailableException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> OpenResultAsync(string url, CancellationToken cancellationToken)
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

    private async Task<long> CopyAsync(NpgsqlConnection connection, string url, CancellationToken cancellationToken)
    {
        using var response = await OpenResultAsync(url, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var file = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 1 << 16));
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY pg_temp.bulk_lines (line, gid, parent_gid, body) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long lines = 0;
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
                    await StageLineAsync(copy, ++lines, line, cancellationToken);
                }
            }

            file.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await file.CompleteAsync();
        await copy.CompleteAsync(cancellationToken);
        return lines;
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

    private static bool IsBlank(ReadOnlySequence<byte> line) =>
        line.Length == 0 || (line.Length == 1 && line.FirstSpan[0] == (byte)'\r');

    private static async Task StageLineAsync(NpgsqlBinaryImporter copy, long number, ReadOnlySequence<byte> line, CancellationToken cancellationToken)
    {
        var (gid, parentGid) = Ids(line);
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
        await WriteTextAsync(copy, gid, cancellationToken);
        await WriteTextAsync(copy, parentGid, cancellationToken);
        await copy.WriteAsync(line.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    /// <summary>The line's own <c>id</c> and its <c>__parentId</c>, read from its top level only.</summary>
    private static (string? Gid, string? ParentGid) Ids(ReadOnlySequence<byte> line)
    {
        var json = new Utf8JsonReader(line);
        string? gid = null, parentGid = null;
        try
        {
            while (json.Read())
            {
                if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth == 1)
                {
                    var isId = json.ValueTextEquals("id"u8);
                    var isParent = !isId && json.ValueTextEquals("__parentId"u8);
                    json.Read();
                    if (json.TokenType == JsonTokenType.String && (isId || isParent))
                    {
                        (isId ? ref gid : ref parentGid) = json.GetString();
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
            // A line that is not JSON is staged as it is; reading it back skips it as a record without an id.
        }

        return (gid, parentGid);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An export's result staged on one connection; disposing of it drops it.</summary>
internal sealed class StagedExport(NpgsqlConnection connection, long lines) : IAsyncDisposable
{
    public long Lines { get; } = lines;

    /// <summary>The next <paramref name="count"/> top-level objects after line <paramref name="after"/>, each with its children.</summary>
    public async Task<IReadOnlyList<ExportedObject>> ReadAsync(long after, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT p.line, p.body, COALESCE((SELECT array_agg(c.body ORDER BY c.line) FROM pg_temp.bulk_lines c WHERE c.parent_gid = p.gid), '{}')
            FROM pg_temp.bulk_lines p
            WHERE p.parent_gid IS NULL AND p.line > @after
            ORDER BY p.line
            LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("count", count);
        var objects = new List<ExportedObject>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            objects.Add(new ExportedObject(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[][]>(2)));
        }

        return objects;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A pooled connection keeps its temporary tables: drop it before the connection goes back.
            await using var drop = new NpgsqlCommand("DROP TABLE IF EXISTS pg_temp.bulk_lines", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is broken; it will not be reused with the table.
        }

        await connection.DisposeAsync();
    }
}
