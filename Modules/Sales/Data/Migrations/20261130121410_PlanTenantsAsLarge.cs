using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Sales.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanTenantsAsLarge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.PlanTenantsAsLarge("sales", "customers");
            migrationBuilder.PlanTenantsAsLarge("sales", "daily_sales");
            migrationBuilder.PlanTenantsAsLarge("sales", "order_line_items");
            migrationBuilder.PlanTenantsAsLarge("sales", "orders");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"sales\".\"customers\" ALTER COLUMN tenant_id RESET (n_distinct);");
            migrationBuilder.Sql("ALTER TABLE \"sales\".\"daily_sales\" ALTER COLUMN tenant_id RESET (n_distinct);");
            migrationBuilder.Sql("ALTER TABLE \"sales\".\"order_line_items\" ALTER COLUMN tenant_id RESET (n_distinct);");
            migrationBuilder.Sql("ALTER TABLE \"sales\".\"orders\" ALTER COLUMN tenant_id RESET (n_distinct);");
        }
    }
}
