using System.Buffers;
using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Telemetry;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>
/// Streams an export's JSONL result into PostgreSQL, and reads it back parent by parent with its children. With
/// <c>groupObjects: false</c> a child may come anywhere in the file, before or after its parent, so the join needs the
/// whole file: PostgreSQL holds it (a temporary table: private to the connection, so no other tenant can see it, and
/// written without WAL) and does the join, instead of the Host's memory. Nothing of the file is held in memory beyond the
/// line being copied. Lines are kept as the bytes they came as (UTF-8 JSON), which the JSON reader takes as they are:
/// as text they would be converted to .NET strings and back on the way in, and again on the way out.
/// </summary>
internal sealed class BulkStaging(NpgsqlDataSource dataSource, ExportResultFile resultFile)
{
    /// <summary>Downloads and stages the result at <paramref name="url"/> (none: the export was empty).</summary>
    public async Task<StagedExport> StageAsync(SyncResource resource, string? url, CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.StartBulkStage("download", resource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                DROP TABLE IF EXISTS pg_temp.bulk_lines;
                CREATE TEMPORARY TABLE bulk_lines (line bigint NOT NULL, id bigint, is_child boolean NOT NULL, parent_id bigint, body bytea NOT NULL)
                """, cancellationToken);
            var lines = url is null ? 0 : await CopyAsync(connection, resultFile.ReadLinesAsync(url, cancellationToken), cancellationToken);

            // The keys are built once the file is in: cheaper than keeping them up to date line by line. Each reading
            // has its own (parents in file order; a parent's children). The statistics leave out the bodies, which
            // nothing filters on, and come from a small sample: the two readings only need the table's rough shape.
            await ExecuteAsync(connection, """
                CREATE INDEX ON pg_temp.bulk_lines (line) WHERE NOT is_child;
                CREATE INDEX ON pg_temp.bulk_lines (parent_id, line) WHERE is_child;
                ALTER TABLE pg_temp.bulk_lines ALTER COLUMN line SET STATISTICS 10, ALTER COLUMN is_child SET STATISTICS 10,
                    ALTER COLUMN parent_id SET STATISTICS 10;
                ANALYZE pg_temp.bulk_lines (line, is_child, parent_id)
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

    private static async Task<long> CopyAsync(NpgsqlConnection connection, IAsyncEnumerable<ReadOnlySequence<byte>> file, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY pg_temp.bulk_lines (line, id, is_child, parent_id, body) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long lines = 0;
        await foreach (var line in file)
        {
            await StageLineAsync(copy, ++lines, line, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
        return lines;
    }

    private static async Task StageLineAsync(NpgsqlBinaryImporter copy, long number, ReadOnlySequence<byte> line, CancellationToken cancellationToken)
    {
        var ids = ExportResultFile.Ids(line);
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
        await WriteIdAsync(copy, ids.Id, cancellationToken);
        await copy.WriteAsync(ids.IsChild, NpgsqlDbType.Boolean, cancellationToken);
        await WriteIdAsync(copy, ids.ParentId, cancellationToken);

        // A line within one buffer of the download (nearly all) is copied from there; one that spans two is joined first.
        var body = line.IsSingleSegment ? line.First : line.ToArray();
        await copy.WriteAsync(body, NpgsqlDbType.Bytea, cancellationToken);
    }

    private static Task WriteIdAsync(NpgsqlBinaryImporter copy, long? id, CancellationToken cancellationToken) =>
        id is { } value ? copy.WriteAsync(value, NpgsqlDbType.Bigint, cancellationToken) : copy.WriteNullAsync(cancellationToken);

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
        var parents = new List<(long Line, long? Id, byte[] Json)>(count);
        await using (var command = new NpgsqlCommand("""
            SELECT line, id, body FROM pg_temp.bulk_lines WHERE NOT is_child AND line > @after ORDER BY line LIMIT @count
            """, connection))
        {
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("count", count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                parents.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        // The children of the whole batch in one index scan, in the order of their parents' ids and then of the file.
        var children = new Dictionary<long, List<byte[]>>();
        var ids = parents.Where(parent => parent.Id is not null).Select(parent => parent.Id!.Value).ToArray();
        if (ids.Length > 0)
        {
            await using var command = new NpgsqlCommand("""
                SELECT parent_id, body FROM pg_temp.bulk_lines WHERE is_child AND parent_id = ANY(@ids) ORDER BY parent_id, line
                """, connection);
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var parentId = reader.GetInt64(0);
                if (!children.TryGetValue(parentId, out var ofParent))
                {
                    children[parentId] = ofParent = [];
                }

                ofParent.Add(reader.GetFieldValue<byte[]>(1));
            }
        }

        return [.. parents.Select(parent => new ExportedObject(
            parent.Line, parent.Json, parent.Id is { } id && children.TryGetValue(id, out var ofParent) ? ofParent : []))];
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
