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
                CREATE TEMPORARY TABLE bulk_lines (line bigint NOT NULL, gid text, parent_gid text, body bytea NOT NULL)
                """, cancellationToken);
            var lines = url is null ? 0 : await CopyAsync(connection, resultFile.ReadLinesAsync(url, cancellationToken), cancellationToken);

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

    private static async Task<long> CopyAsync(NpgsqlConnection connection, IAsyncEnumerable<ReadOnlySequence<byte>> file, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY pg_temp.bulk_lines (line, gid, parent_gid, body) FROM STDIN (FORMAT BINARY)", cancellationToken);
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
        var (gid, parentGid) = ExportResultFile.Ids(line);
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
        await WriteTextAsync(copy, gid, cancellationToken);
        await WriteTextAsync(copy, parentGid, cancellationToken);
        await copy.WriteAsync(line.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

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
