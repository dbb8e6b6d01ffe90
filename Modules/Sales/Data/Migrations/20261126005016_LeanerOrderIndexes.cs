using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Sales.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeanerOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_tenant_id_customer_shopify_id",
                schema: "sales",
                table: "orders");

            migrationBuilder.DropPrimaryKey(
                name: "pk_order_line_items",
                schema: "sales",
                table: "order_line_items");

            migrationBuilder.DropIndex(
                name: "ix_order_line_items_tenant_id_order_shopify_id",
                schema: "sales",
                table: "order_line_items");

            migrationBuilder.AddPrimaryKey(
                name: "pk_order_line_items",
                schema: "sales",
                table: "order_line_items",
                columns: new[] { "tenant_id", "order_shopify_id", "shopify_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_order_line_items",
                schema: "sales",
                table: "order_line_items");

            migrationBuilder.AddPrimaryKey(
                name: "pk_order_line_items",
                schema: "sales",
                table: "order_line_items",
                columns: new[] { "tenant_id", "shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_tenant_id_customer_shopify_id",
                schema: "sales",
                table: "orders",
                columns: new[] { "tenant_id", "customer_shopify_id" });

            migrationBuilder.CreateIndex(
                name: "ix_order_line_items_tenant_id_order_shopify_id",
                schema: "sales",
                table: "order_line_items",
                columns: new[] { "tenant_id", "order_shopify_id" });
        }
    }
}
