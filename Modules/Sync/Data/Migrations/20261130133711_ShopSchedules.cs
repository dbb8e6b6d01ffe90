using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Sync.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShopSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "node",
                schema: "sync",
                table: "runs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "shop_schedules",
                schema: "sync",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_node = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shop_schedules", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_shop_schedules_due_at",
                schema: "sync",
                table: "shop_schedules",
                column: "due_at");

            // The recurring Quartz sweep and the per-shop triggers it queued are replaced by shop_schedules: what is
            // left of them in Quartz's tables would fire a job that no longer exists.
            migrationBuilder.Sql("""
                DELETE FROM sync.qrtz_triggers WHERE trigger_group = 'sync' AND (job_name = 'schedule' OR trigger_name LIKE 'schedule-%');
                DELETE FROM sync.qrtz_job_details WHERE job_group = 'sync' AND job_name = 'schedule';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shop_schedules",
                schema: "sync");

            migrationBuilder.DropColumn(
                name: "node",
                schema: "sync",
                table: "runs");
        }
    }
}
