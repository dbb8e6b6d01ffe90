using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sync.Data.Migrations
{
    /// <inheritdoc />
    public partial class BulkExports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "bulk_object_count",
                schema: "sync",
                table: "runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bulk_operation_id",
                schema: "sync",
                table: "runs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "bulk_root_object_count",
                schema: "sync",
                table: "runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bulk_status",
                schema: "sync",
                table: "runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "expected_records",
                schema: "sync",
                table: "runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mode",
                schema: "sync",
                table: "runs",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "paged");

            migrationBuilder.AddColumn<string>(
                name: "notice",
                schema: "sync",
                table: "runs",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bulk_exports",
                schema: "sync",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    operation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    object_count = table.Column<long>(type: "bigint", nullable: false),
                    root_object_count = table.Column<long>(type: "bigint", nullable: false),
                    expected_records = table.Column<long>(type: "bigint", nullable: true),
                    export_created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    staged_lines = table.Column<long>(type: "bigint", nullable: true),
                    ingested_through = table.Column<long>(type: "bigint", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_exports", x => new { x.tenant_id, x.resource });
                });

            migrationBuilder.EnableTenantIsolation("sync", "bulk_exports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulk_exports",
                schema: "sync");

            migrationBuilder.DropColumn(
                name: "bulk_object_count",
                schema: "sync",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "bulk_operation_id",
                schema: "sync",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "bulk_root_object_count",
                schema: "sync",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "bulk_status",
                schema: "sync",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "expected_records",
                schema: "sync",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "mode",
                schema: "sync",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "notice",
                schema: "sync",
                table: "runs");
        }
    }
}
