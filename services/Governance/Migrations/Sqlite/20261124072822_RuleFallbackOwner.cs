using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RuleFallbackOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FallbackOwner",
                table: "case_rules",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FallbackOwner",
                table: "case_rules");
        }
    }
}
