using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sync.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sync");

            migrationBuilder.CreateTable(
                name: "checkpoints",
                schema: "sync",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    cursor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoints", x => new { x.tenant_id, x.resource });
                });

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "sync",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    resource = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    records_fetched = table.Column<long>(type: "bigint", nullable: false),
                    records_upserted = table.Column<long>(type: "bigint", nullable: false),
                    api_points = table.Column<long>(type: "bigint", nullable: false),
                    throttle_wait_ms = table.Column<long>(type: "bigint", nullable: false),
                    throttled_responses = table.Column<int>(type: "integer", nullable: false),
                    retries = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_runs_tenant_id_requested_at_id",
                schema: "sync",
                table: "runs",
                columns: new[] { "tenant_id", "requested_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_runs_tenant_id_resource_requested_at",
                schema: "sync",
                table: "runs",
                columns: new[] { "tenant_id", "resource", "requested_at" },
                descending: new[] { false, false, true });

            // Row-level security on every tenant table, after the tables exist.
            migrationBuilder.EnableTenantIsolation("sync", "checkpoints");
            migrationBuilder.EnableTenantIsolation("sync", "runs");

            // Quartz's clustered job store: scheduler state, not tenant data, so no row-level security. Its SQL is frozen
            // beside this migration, so a Quartz upgrade never changes what this migration does.
            foreach (var statement in QuartzTables_4_7_3.CreateStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzTables_4_7_3.DropStatements)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "checkpoints",
                schema: "sync");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "sync");
        }
    }
}
