using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sync.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "webhook_inbox",
                schema: "sync",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    webhook_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    api_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    triggered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_inbox", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_inbox_pending",
                schema: "sync",
                table: "webhook_inbox",
                columns: new[] { "tenant_id", "id" },
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_inbox_processed_at",
                schema: "sync",
                table: "webhook_inbox",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_inbox_tenant_id_webhook_id",
                schema: "sync",
                table: "webhook_inbox",
                columns: new[] { "tenant_id", "webhook_id" },
                unique: true);

            migrationBuilder.EnableTenantIsolation("sync", "webhook_inbox");

            // The processor finds which tenants have deliveries waiting, and forgets old applied ones, across tenants;
            // everything else it does runs as the delivery's own tenant.
            migrationBuilder.Sql("""
                CREATE POLICY webhook_dispatch ON sync.webhook_inbox FOR SELECT
                    USING (current_setting('app.webhook_dispatch', true) = 'on');
                CREATE POLICY webhook_expiry ON sync.webhook_inbox FOR DELETE
                    USING (current_setting('app.webhook_dispatch', true) = 'on' AND processed_at IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_inbox",
                schema: "sync");
        }
    }
}
