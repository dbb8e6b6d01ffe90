using System;
using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sales.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sales");

            migrationBuilder.CreateTable(
                name: "customers",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    first_name = table.Column<string>(type: "text", nullable: true),
                    last_name = table.Column<string>(type: "text", nullable: true),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    city = table.Column<string>(type: "text", nullable: true),
                    province = table.Column<string>(type: "text", nullable: true),
                    country = table.Column<string>(type: "text", nullable: true),
                    country_code = table.Column<string>(type: "text", nullable: true),
                    amount_spent = table.Column<decimal>(type: "numeric", nullable: false),
                    amount_spent_currency = table.Column<string>(type: "text", nullable: true),
                    number_of_orders = table.Column<long>(type: "bigint", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => new { x.tenant_id, x.shopify_id });
                });

            migrationBuilder.CreateTable(
                name: "daily_sales",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    orders = table.Column<long>(type: "bigint", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric", nullable: false),
                    gross_revenue = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_sales", x => new { x.tenant_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "order_line_items",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    order_shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    sku = table.Column<string>(type: "text", nullable: true),
                    variant_shopify_id = table.Column<long>(type: "bigint", nullable: true),
                    product_shopify_id = table.Column<long>(type: "bigint", nullable: true),
                    original_unit_price = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_line_items", x => new { x.tenant_id, x.shopify_id });
                });

            migrationBuilder.CreateTable(
                name: "orders",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shopify_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    customer_shopify_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "text", nullable: true),
                    test = table.Column<bool>(type: "boolean", nullable: false),
                    display_financial_status = table.Column<string>(type: "text", nullable: true),
                    display_fulfillment_status = table.Column<string>(type: "text", nullable: true),
                    currency_code = table.Column<string>(type: "text", nullable: false),
                    total_price = table.Column<decimal>(type: "numeric", nullable: false),
                    subtotal_price = table.Column<decimal>(type: "numeric", nullable: false),
                    current_total_price = table.Column<decimal>(type: "numeric", nullable: false),
                    total_refunded = table.Column<decimal>(type: "numeric", nullable: false),
                    presentment_currency_code = table.Column<string>(type: "text", nullable: true),
                    presentment_current_total_price = table.Column<decimal>(type: "numeric", nullable: true),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => new { x.tenant_id, x.shopify_id });
                });

            migrationBuilder.CreateTable(
                name: "tenant_totals",
                schema: "sales",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time_zone = table.Column<string>(type: "text", nullable: true),
                    customers = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_totals", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_created_at_shopify_id",
                schema: "sales",
                table: "customers",
                columns: new[] { "tenant_id", "created_at", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_display_name_shopify_id",
                schema: "sales",
                table: "customers",
                columns: new[] { "tenant_id", "display_name", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_updated_at_shopify_id",
                schema: "sales",
                table: "customers",
                columns: new[] { "tenant_id", "updated_at", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_top",
                schema: "sales",
                table: "customers",
                columns: new[] { "tenant_id", "amount_spent", "number_of_orders", "shopify_id" },
                descending: new[] { false, true, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_order_line_items_tenant_id_order_shopify_id",
                schema: "sales",
                table: "order_line_items",
                columns: new[] { "tenant_id", "order_shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_customer_shopify_id",
                schema: "sales",
                table: "orders",
                columns: new[] { "tenant_id", "customer_shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_processed_at_shopify_id",
                schema: "sales",
                table: "orders",
                columns: new[] { "tenant_id", "processed_at", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_updated_at_shopify_id",
                schema: "sales",
                table: "orders",
                columns: new[] { "tenant_id", "updated_at", "shopify_id" });

            // Row-level security on every tenant table, after the tables exist.
            migrationBuilder.EnableTenantIsolation("sales", "customers");
            migrationBuilder.EnableTenantIsolation("sales", "daily_sales");
            migrationBuilder.EnableTenantIsolation("sales", "order_line_items");
            migrationBuilder.EnableTenantIsolation("sales", "orders");
            migrationBuilder.EnableTenantIsolation("sales", "tenant_totals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customers",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "daily_sales",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "order_line_items",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "orders",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "tenant_totals",
                schema: "sales");
        }
    }
}
