using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sales.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeletionsAndPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_requests",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    order_shopify_ids = table.Column<long[]>(type: "bigint[]", nullable: false),
                    shopify_request_id = table.Column<long>(type: "bigint", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "redactions",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    redacted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_redactions", x => new { x.tenant_id, x.kind, x.shopify_id });
                    table.CheckConstraint("ck_redactions_kind", "kind IN ('customer', 'order')");
                });

            migrationBuilder.CreateTable(
                name: "tombstones",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tombstones", x => new { x.tenant_id, x.kind, x.shopify_id });
                    table.CheckConstraint("ck_tombstones_kind", "kind IN ('order', 'customer')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_data_requests_tenant_id_customer_shopify_id_requested_at",
                schema: "sales",
                table: "data_requests",
                columns: new[] { "tenant_id", "customer_shopify_id", "requested_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_data_requests_tenant_id_requested_at",
                schema: "sales",
                table: "data_requests",
                columns: new[] { "tenant_id", "requested_at" });

            migrationBuilder.EnableTenantIsolation("sales", "data_requests");
            migrationBuilder.EnableTenantIsolation("sales", "redactions");
            migrationBuilder.EnableTenantIsolation("sales", "tombstones");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_requests",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "redactions",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "tombstones",
                schema: "sales");
        }
    }
}
