using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessScopesAndSyncPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "consecutive_sync_pauses",
                schema: "identity",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string[]>(
                name: "granted_scopes",
                schema: "identity",
                table: "tenants",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "scopes_checked_at",
                schema: "identity",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sync_paused_reason",
                schema: "identity",
                table: "tenants",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sync_paused_until",
                schema: "identity",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "consecutive_sync_pauses",
                schema: "identity",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "granted_scopes",
                schema: "identity",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "scopes_checked_at",
                schema: "identity",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "sync_paused_reason",
                schema: "identity",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "sync_paused_until",
                schema: "identity",
                table: "tenants");
        }
    }
}
