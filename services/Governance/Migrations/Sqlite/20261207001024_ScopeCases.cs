using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.Sqlite
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
                table: "cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "MetricId",
                table: "cases",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ScopeKey",
                table: "cases",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JourneyStepIdsJson",
                table: "case_rules",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "Trigger",
                table: "case_rules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_ScopeKey",
                table: "cases",
                columns: new[] { "TenantId", "ScopeKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_TenantId_ScopeKey",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "BreachesJson",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "MetricId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ScopeKey",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "JourneyStepIdsJson",
                table: "case_rules");

            migrationBuilder.DropColumn(
                name: "Trigger",
                table: "case_rules");
        }
    }
}
