using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Design.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MapsBriefsAndOpportunities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MetricIdsJson",
                table: "step_pain_points",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "briefs",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    BriefId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PainPointIdsKey = table.Column<string>(type: "TEXT", maxLength: 1400, nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_briefs", x => new { x.TenantId, x.BriefId });
                });

            migrationBuilder.CreateTable(
                name: "ecosystem_maps",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MapId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecosystem_maps", x => new { x.TenantId, x.MapId });
                });

            migrationBuilder.CreateTable(
                name: "ecosystem_signals",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SignalId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TopicIdsKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecosystem_signals", x => new { x.TenantId, x.SignalId });
                });

            migrationBuilder.CreateTable(
                name: "journey_drivers",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OutcomeMetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    DriversJson = table.Column<string>(type: "TEXT", nullable: false),
                    N = table.Column<long>(type: "INTEGER", nullable: false),
                    AnalysedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_drivers", x => new { x.TenantId, x.JourneyId, x.OutcomeMetricId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_briefs_TenantId",
                table: "briefs",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_briefs_TenantId_JourneyId",
                table: "briefs",
                columns: new[] { "TenantId", "JourneyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_maps_TenantId",
                table: "ecosystem_maps",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_maps_TenantId_JourneyId",
                table: "ecosystem_maps",
                columns: new[] { "TenantId", "JourneyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_signals_TenantId",
                table: "ecosystem_signals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_signals_TenantId_JourneyId_OccurredAtUtc",
                table: "ecosystem_signals",
                columns: new[] { "TenantId", "JourneyId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_drivers_TenantId",
                table: "journey_drivers",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "briefs");

            migrationBuilder.DropTable(
                name: "ecosystem_maps");

            migrationBuilder.DropTable(
                name: "ecosystem_signals");

            migrationBuilder.DropTable(
                name: "journey_drivers");

            migrationBuilder.DropColumn(
                name: "MetricIdsJson",
                table: "step_pain_points");
        }
    }
}
