using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Sync.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneWaitingManualRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Runs requested twice before the index existed: the newest waiting one stays, the rest are closed. Every
            // tenant's rows are meant, so row-level security is lifted for the statement (the owner runs migrations).
            migrationBuilder.Sql("""
                ALTER TABLE sync.runs NO FORCE ROW LEVEL SECURITY;
                UPDATE sync.runs r SET status = 'failed', finished_at = now(),
                    error = 'Superseded by a later request for the same sync, which ran instead.'
                WHERE r.trigger = 'manual' AND r.status = 'running' AND r.started_at IS NULL
                  AND EXISTS (SELECT 1 FROM sync.runs n
                              WHERE n.tenant_id = r.tenant_id AND n.resource = r.resource AND n.trigger = 'manual'
                                AND n.status = 'running' AND n.started_at IS NULL
                                AND (n.requested_at, n.id) > (r.requested_at, r.id));
                ALTER TABLE sync.runs FORCE ROW LEVEL SECURITY;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_runs_one_waiting_manual_run",
                schema: "sync",
                table: "runs",
                columns: new[] { "tenant_id", "resource" },
                unique: true,
                filter: "trigger = 'manual' AND status = 'running' AND started_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_runs_one_waiting_manual_run",
                schema: "sync",
                table: "runs");
        }
    }
}
