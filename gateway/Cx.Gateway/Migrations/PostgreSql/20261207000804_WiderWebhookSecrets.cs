using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Gateway.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WiderWebhookSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Secret",
                schema: "gateway",
                table: "webhook_subscriptions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousSecret",
                schema: "gateway",
                table: "webhook_subscriptions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldCollation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Secret",
                schema: "gateway",
                table: "webhook_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "PreviousSecret",
                schema: "gateway",
                table: "webhook_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500,
                oldCollation: "C");
        }
    }
}
