using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Design.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FrontlineSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SuggestionId",
                table: "experiments",
                type: "TEXT",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "frontline_suggestions",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SuggestionId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Votes = table.Column<int>(type: "INTEGER", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_frontline_suggestions", x => new { x.TenantId, x.SuggestionId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_TenantId_SuggestionId",
                table: "experiments",
                columns: new[] { "TenantId", "SuggestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_frontline_suggestions_TenantId",
                table: "frontline_suggestions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_frontline_suggestions_TenantId_JourneyId",
                table: "frontline_suggestions",
                columns: new[] { "TenantId", "JourneyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "frontline_suggestions");

            migrationBuilder.DropIndex(
                name: "IX_experiments_TenantId_SuggestionId",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "SuggestionId",
                table: "experiments");
        }
    }
}
