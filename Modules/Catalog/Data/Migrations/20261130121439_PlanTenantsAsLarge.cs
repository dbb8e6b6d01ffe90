using Microsoft.EntityFrameworkCore.Migrations;
using ShopIngest.Modules.Shared.Tenancy;

#nullable disable

namespace ShopIngest.Modules.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanTenantsAsLarge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.PlanTenantsAsLarge("catalog", "products");
            migrationBuilder.PlanTenantsAsLarge("catalog", "product_variants");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"catalog\".\"products\" ALTER COLUMN tenant_id RESET (n_distinct);");
            migrationBuilder.Sql("ALTER TABLE \"catalog\".\"product_variants\" ALTER COLUMN tenant_id RESET (n_distinct);");
        }
    }
}
