using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScopeCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The JSON columns of existing rows read as empty lists, not as empty strings.
            migrationBuilder.AddColumn<string>(
                name: "BreachesJson",
                schema: "governance",
                table: "cases",
                type: "text",
                nullable: false,
                defaultValue: "[]",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "MetricId",
                schema: "governance",
                table: "cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ScopeKey",
                schema: "governance",
                table: "cases",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "JourneyStepIdsJson",
                schema: "governance",
                table: "case_rules",
                type: "text",
                nullable: false,
                defaultValue: "[]",
                collation: "C");

            migrationBuilder.AddColumn<int>(
                name: "Trigger",
                schema: "governance",
                table: "case_rules",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_ScopeKey",
                schema: "governance",
                table: "cases",
                columns: new[] { "TenantId", "ScopeKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_TenantId_ScopeKey",
                schema: "governance",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "BreachesJson",
                schema: "governance",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "MetricId",
                schema: "governance",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ScopeKey",
                schema: "governance",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "JourneyStepIdsJson",
                schema: "governance",
                table: "case_rules");

            migrationBuilder.DropColumn(
                name: "Trigger",
                schema: "governance",
                table: "case_rules");
        }
    }
}
