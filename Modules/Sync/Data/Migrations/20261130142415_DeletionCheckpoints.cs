using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sync.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeletionCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "records_deleted",
                schema: "sync",
                table: "runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "deletion_checkpoints",
                schema: "sync",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    events_cursor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reconciled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reconcile_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deletion_checkpoints", x => new { x.tenant_id, x.resource });
                });

            migrationBuilder.EnableTenantIsolation("sync", "deletion_checkpoints");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deletion_checkpoints",
                schema: "sync");

            migrationBuilder.DropColumn(
                name: "records_deleted",
                schema: "sync",
                table: "runs");
        }
    }
}
