using Npgsql;
using NpgsqlTypes;
using ShopIngest.Modules.Shared.Ingest;
using ShopIngest.Modules.Sync.Checkpoints;
using ShopIngest.Modules.Sync.Data;
using ShopIngest.Modules.Sync.Resources;
using ShopIngest.Modules.Sync.Runs;
using ShopIngest.Modules.Sync.Shopify;

namespace ShopIngest.Modules.Sync.Pipeline.Bulk;

/// <summary>
/// The bulk exports of first syncs, and their progress. Each change is copied onto the run that made it, so the run
/// history shows what a merchant waits for; the export's row is what a restarted Host resumes from.
/// </summary>
internal sealed class BulkExportStore(TenantTransactions transactions, TimeProvider time)
{
    private const string Table = $"{SyncDbContext.Schema}.bulk_exports";
    private const string New = "NEW";

    public Task<BulkExport?> OpenAsync(Guid tenantId, SyncResource resource, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                SELECT operation_id, status, object_count, root_object_count, expected_records, export_created_at, staged_lines,
                       ingested_through, started_at
                FROM {Table} WHERE tenant_id = @tenant_id AND resource = @resource
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", resource.Name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new BulkExport
            {
                TenantId = tenantId,
                Resource = resource.Name,
                OperationId = reader.IsDBNull(0) ? null : reader.GetString(0),
                Status = reader.GetString(1),
                ObjectCount = reader.GetInt64(2),
                RootObjectCount = reader.GetInt64(3),
                ExpectedRecords = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                ExportCreatedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                StagedLines = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                IngestedThrough = reader.GetInt64(7),
                StartedAt = reader.GetFieldValue<DateTimeOffset>(8),
            };
        }, cancellationToken);

    /// <summary>Records that the resource's first sync goes through an export, and counts the probe that decided it as a page.</summary>
    public Task<BulkExport> BeginAsync(Guid tenantId, PlannedRun run, long expectedRecords, ShopifyUsage probeUsage, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            var export = new BulkExport
            {
                TenantId = tenantId, Resource = run.Resource.Name, Status = New, ExpectedRecords = expectedRecords, StartedAt = time.GetUtcNow(),
            };
            await using (var command = transaction.CreateCommand($"""
                INSERT INTO {Table} (tenant_id, resource, status, object_count, root_object_count, expected_records, ingested_through, started_at)
                VALUES (@tenant_id, @resource, @status, 0, 0, @expected, 0, @started_at)
                """))
            {
                command.Parameters.AddWithValue("tenant_id", tenantId);
                command.Parameters.AddWithValue("resource", export.Resource);
                command.Parameters.AddWithValue("status", export.Status);
                command.Parameters.AddWithValue("expected", expectedRecords);
                command.Parameters.AddWithValue("started_at", export.StartedAt);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await SyncRunStore.RecordProgressAsync(transaction, run.RunId, new RunProgress(1, 0, 0, probeUsage), cancellationToken);
            await ShowOnRunAsync(transaction, run.RunId, export, cancellationToken);
            return export;
        }, cancellationToken);

    /// <summary>Shows a resumed export on the run that resumes it.</summary>
    public Task ResumeAsync(BulkExport export, PlannedRun run, CancellationToken cancellationToken) =>
        transactions.RunAsync(export.TenantId, transaction => ShowOnRunAsync(transaction, run.RunId, export, cancellationToken), cancellationToken);

    /// <summary>
    /// Stores what Shopify said of the export (the operation it started, or its progress) with the request that asked,
    /// counted as one page of the run. A Host that stops after this polls the same operation when it starts again.
    /// </summary>
    public Task RecordOperationAsync(BulkExport export, PlannedRun run, BulkOperationNode? operation, ShopifyUsage usage, CancellationToken cancellationToken) =>
        transactions.RunAsync(export.TenantId, async transaction =>
        {
            if (operation is not null)
            {
                export.OperationId = operation.Id;
                export.Status = operation.Status;
                export.ObjectCount = operation.ObjectCount;
                export.RootObjectCount = operation.RootObjectCount;
                await using var command = transaction.CreateCommand($"""
                    UPDATE {Table} SET operation_id = @operation_id, status = @status, object_count = @objects, root_object_count = @roots
                    WHERE tenant_id = @tenant_id AND resource = @resource
                    """);
                AddKey(command, export);
                command.Parameters.AddWithValue("operation_id", operation.Id);
                command.Parameters.AddWithValue("status", operation.Status);
                command.Parameters.AddWithValue("objects", operation.ObjectCount);
                command.Parameters.AddWithValue("roots", operation.RootObjectCount);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await ShowOnRunAsync(transaction, run.RunId, export, cancellationToken);
            }

            await SyncRunStore.RecordProgressAsync(transaction, run.RunId, new RunProgress(1, 0, 0, usage), cancellationToken);
        }, cancellationToken);

    /// <summary>The export's result is staged whole: from here a restart ingests it rather than asking Shopify again.</summary>
    public Task RecordStagedAsync(BulkExport export, DateTimeOffset exportCreatedAt, long lines, CancellationToken cancellationToken) =>
        transactions.RunAsync(export.TenantId, async transaction =>
        {
            export.ExportCreatedAt = exportCreatedAt;
            export.StagedLines = lines;
            await using var command = transaction.CreateCommand($"""
                UPDATE {Table} SET export_created_at = @created_at, staged_lines = @lines WHERE tenant_id = @tenant_id AND resource = @resource
                """);
            AddKey(command, export);
            command.Parameters.AddWithValue("created_at", exportCreatedAt.ToUniversalTime());
            command.Parameters.AddWithValue("lines", lines);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Forgets the export's operation so that a new one is started: its result expired before it was staged, or
    /// Shopify no longer knows it. What was ingested from it stays; a new export's lines are counted afresh.
    /// </summary>
    public Task RestartAsync(BulkExport export, CancellationToken cancellationToken) =>
        transactions.RunAsync(export.TenantId, async transaction =>
        {
            export.OperationId = null;
            export.Status = New;
            export.ExportCreatedAt = null;
            export.StagedLines = null;
            export.IngestedThrough = 0;
            await using var command = transaction.CreateCommand($"""
                UPDATE {Table} SET operation_id = NULL, status = '{New}', object_count = 0, root_object_count = 0, export_created_at = NULL,
                    staged_lines = NULL, ingested_through = 0
                WHERE tenant_id = @tenant_id AND resource = @resource
                """);
            AddKey(command, export);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Gives the export up (it failed): the resource's first sync is paged instead, and the run says why.</summary>
    public Task AbandonAsync(Guid tenantId, SyncResource resource, PlannedRun run, string notice, CancellationToken cancellationToken) =>
        transactions.RunAsync(tenantId, async transaction =>
        {
            await using var command = transaction.CreateCommand($"""
                DELETE FROM {Table} WHERE tenant_id = @tenant_id AND resource = @resource;
                UPDATE {SyncDbContext.Schema}.runs SET mode = '{RunMode.Paged}', notice = @notice WHERE tenant_id = @tenant_id AND id = @run_id;
                """);
            command.Parameters.AddWithValue("tenant_id", tenantId);
            command.Parameters.AddWithValue("resource", resource.Name);
            command.Parameters.AddWithValue("run_id", run.RunId);
            command.Parameters.AddWithValue("notice", notice.Length > 2000 ? notice[..2000] : notice);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// In the transaction of an ingest write: moves the export's progress from <paramref name="from"/> (where the write
    /// before it left it) to <paramref name="through"/>; the write that ingests the last line hands the resource over to
    /// the paged syncs instead. Their cursor becomes the moment Shopify created the export (not the newest <c>updatedAt</c>
    /// it held): a record changed while the export ran may have been exported before the change, and the next paged walk,
    /// from that moment minus the overlap, fetches it again. A write whose predecessor has not committed (it overtook it,
    /// or it failed) finds the progress elsewhere and is refused, so that its transaction rolls back.
    /// </summary>
    public static async Task AdvanceAsync(
        IngestTransaction transaction, SyncResource resource, BulkExport export, long from, long? through, bool finished,
        CancellationToken cancellationToken)
    {
        // The row's lock orders the writes of one export: a later write waits here until the earlier one commits, and
        // then sees where it left the progress.
        await using var command = transaction.CreateCommand(finished
            ? $"DELETE FROM {Table} WHERE tenant_id = @tenant_id AND resource = @resource AND ingested_through = @from"
            : $"UPDATE {Table} SET ingested_through = @through WHERE tenant_id = @tenant_id AND resource = @resource AND ingested_through = @from");
        command.Parameters.AddWithValue("tenant_id", transaction.TenantId);
        command.Parameters.AddWithValue("resource", resource.Name);
        command.Parameters.Add(new NpgsqlParameter<long>("from", NpgsqlDbType.Bigint) { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<long>("through", NpgsqlDbType.Bigint) { TypedValue = through ?? from });
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ExportWriteOutOfTurnException(resource, from);
        }

        if (finished)
        {
            await CheckpointStore.SetAsync(transaction, resource, export.ExportCreatedAt!.Value, cancellationToken);
        }
    }

    private static async Task ShowOnRunAsync(IngestTransaction transaction, Guid runId, BulkExport export, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand($"""
            UPDATE {SyncDbContext.Schema}.runs SET mode = '{RunMode.Bulk}', bulk_operation_id = @operation_id, bulk_status = @status,
                bulk_object_count = @objects, bulk_root_object_count = @roots, expected_records = @expected
            WHERE tenant_id = @tenant_id AND id = @run_id
            """);
        command.Parameters.AddWithValue("tenant_id", transaction.TenantId);
        command.Parameters.AddWithValue("run_id", runId);
        command.Parameters.Add(new NpgsqlParameter<string?>("operation_id", NpgsqlDbType.Text) { TypedValue = export.OperationId });
        command.Parameters.AddWithValue("status", export.Status);
        command.Parameters.AddWithValue("objects", export.ObjectCount);
        command.Parameters.AddWithValue("roots", export.RootObjectCount);
        command.Parameters.Add(new NpgsqlParameter<long?>("expected", NpgsqlDbType.Bigint) { TypedValue = export.ExpectedRecords });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddKey(NpgsqlCommand command, BulkExport export)
    {
        command.Parameters.AddWithValue("tenant_id", export.TenantId);
        command.Parameters.AddWithValue("resource", export.Resource);
    }
}

/// <summary>An ingest write from an export came before the write it follows had committed; it rolls back and is written again after it.</summary>
internal sealed class ExportWriteOutOfTurnException(SyncResource resource, long from)
    : Exception($"The {resource.Name} export's progress is not at line {from}, where this write starts: the write before it has not committed.");
