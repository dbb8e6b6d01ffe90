using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookSecretAndShopRedaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "access_token_replaced_at",
                schema: "identity",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "protected_webhook_secret",
                schema: "identity",
                table: "tenants",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "shop_redacted_at",
                schema: "identity",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "access_token_replaced_at",
                schema: "identity",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "protected_webhook_secret",
                schema: "identity",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "shop_redacted_at",
                schema: "identity",
                table: "tenants");
        }
    }
}
