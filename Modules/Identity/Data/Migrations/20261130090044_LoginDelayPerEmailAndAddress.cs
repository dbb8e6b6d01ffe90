using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShopIngest.Modules.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class LoginDelayPerEmailAndAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "failed_login_count",
                schema: "identity",
                table: "users");

            migrationBuilder.DropColumn(
                name: "lockout_end",
                schema: "identity",
                table: "users");

            migrationBuilder.CreateTable(
                name: "login_failures",
                schema: "identity",
                columns: table => new
                {
                    normalized_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    last_failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_login_failures", x => new { x.normalized_email, x.client_address });
                });

            migrationBuilder.CreateIndex(
                name: "ix_login_failures_last_failed_at",
                schema: "identity",
                table: "login_failures",
                column: "last_failed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_failures",
                schema: "identity");

            migrationBuilder.AddColumn<int>(
                name: "failed_login_count",
                schema: "identity",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lockout_end",
                schema: "identity",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
