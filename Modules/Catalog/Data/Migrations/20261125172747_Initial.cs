using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "catalog");

            migrationBuilder.CreateTable(
                name: "product_variants",
                schema: "catalog",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    product_shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    sku = table.Column<string>(type: "text", nullable: true),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    compare_at_price = table.Column<decimal>(type: "numeric", nullable: true),
                    inventory_quantity = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_variants", x => new { x.tenant_id, x.shopify_id });
                });

            migrationBuilder.CreateTable(
                name: "products",
                schema: "catalog",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    handle = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    vendor = table.Column<string>(type: "text", nullable: true),
                    product_type = table.Column<string>(type: "text", nullable: true),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => new { x.tenant_id, x.shopify_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_product_variants_tenant_id_product_shopify_id",
                schema: "catalog",
                table: "product_variants",
                columns: new[] { "tenant_id", "product_shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_id_created_at_shopify_id",
                schema: "catalog",
                table: "products",
                columns: new[] { "tenant_id", "created_at", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_id_title_shopify_id",
                schema: "catalog",
                table: "products",
                columns: new[] { "tenant_id", "title", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_id_updated_at_shopify_id",
                schema: "catalog",
                table: "products",
                columns: new[] { "tenant_id", "updated_at", "shopify_id" });

            // Row-level security on every tenant table, after the tables exist.
            migrationBuilder.EnableTenantIsolation("catalog", "products");
            migrationBuilder.EnableTenantIsolation("catalog", "product_variants");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "product_variants",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "products",
                schema: "catalog");
        }
    }
}
