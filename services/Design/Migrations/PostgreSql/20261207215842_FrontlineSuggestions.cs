using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Design.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FrontlineSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SuggestionId",
                schema: "design",
                table: "experiments",
                type: "character varying(63)",
                maxLength: 63,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.CreateTable(
                name: "frontline_suggestions",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SuggestionId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Votes = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_frontline_suggestions", x => new { x.TenantId, x.SuggestionId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_TenantId_SuggestionId",
                schema: "design",
                table: "experiments",
                columns: new[] { "TenantId", "SuggestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_frontline_suggestions_TenantId",
                schema: "design",
                table: "frontline_suggestions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_frontline_suggestions_TenantId_JourneyId",
                schema: "design",
                table: "frontline_suggestions",
                columns: new[] { "TenantId", "JourneyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "frontline_suggestions",
                schema: "design");

            migrationBuilder.DropIndex(
                name: "IX_experiments_TenantId_SuggestionId",
                schema: "design",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "SuggestionId",
                schema: "design",
                table: "experiments");
        }
    }
}
