using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Design.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReviewAttempt",
                table: "journey_versions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewId",
                table: "journey_versions",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ExperimentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    EvidenceForJourneyId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcludedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConcludedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiments", x => new { x.TenantId, x.ExperimentId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_ConcludedAtUtc_EndsAtUtc",
                table: "experiments",
                columns: new[] { "ConcludedAtUtc", "EndsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_TenantId",
                table: "experiments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_experiments_TenantId_EvidenceForJourneyId",
                table: "experiments",
                columns: new[] { "TenantId", "EvidenceForJourneyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiments");

            migrationBuilder.DropColumn(
                name: "ReviewAttempt",
                table: "journey_versions");

            migrationBuilder.DropColumn(
                name: "ReviewId",
                table: "journey_versions");
        }
    }
}
