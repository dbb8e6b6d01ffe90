using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecurityStampAndReadOnlyDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                schema: "identity",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "security_stamp",
                schema: "identity",
                table: "users",
                type: "uuid",
                nullable: false,
                // Users from before get a stamp of their own; their earlier tokens carry none and stop working.
                defaultValueSql: "gen_random_uuid()");

            // The directory (sync scheduling, sign-up checks) reads every shop; changes go through a shop's own setting.
            migrationBuilder.Sql("""
                DROP POLICY tenant_directory ON identity.tenants;
                CREATE POLICY tenant_directory ON identity.tenants FOR SELECT
                    USING (current_setting('app.tenant_directory', true) = 'on');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY tenant_directory ON identity.tenants;
                CREATE POLICY tenant_directory ON identity.tenants
                    USING (current_setting('app.tenant_directory', true) = 'on');
                """);

            migrationBuilder.DropColumn(
                name: "disabled_at",
                schema: "identity",
                table: "users");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                schema: "identity",
                table: "users");
        }
    }
}
