using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Design.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class MapsBriefsAndOpportunities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MetricIdsJson",
                schema: "design",
                table: "step_pain_points",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.CreateTable(
                name: "briefs",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    BriefId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PainPointIdsKey = table.Column<string>(type: "character varying(1400)", maxLength: 1400, nullable: false, collation: "C"),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_briefs", x => new { x.TenantId, x.BriefId });
                });

            migrationBuilder.CreateTable(
                name: "ecosystem_maps",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MapId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecosystem_maps", x => new { x.TenantId, x.MapId });
                });

            migrationBuilder.CreateTable(
                name: "ecosystem_signals",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SignalId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TopicIdsKey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecosystem_signals", x => new { x.TenantId, x.SignalId });
                });

            migrationBuilder.CreateTable(
                name: "journey_drivers",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    OutcomeMetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    DriversJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    N = table.Column<long>(type: "bigint", nullable: false),
                    AnalysedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_drivers", x => new { x.TenantId, x.JourneyId, x.OutcomeMetricId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_briefs_TenantId",
                schema: "design",
                table: "briefs",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_briefs_TenantId_JourneyId",
                schema: "design",
                table: "briefs",
                columns: new[] { "TenantId", "JourneyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_maps_TenantId",
                schema: "design",
                table: "ecosystem_maps",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_maps_TenantId_JourneyId",
                schema: "design",
                table: "ecosystem_maps",
                columns: new[] { "TenantId", "JourneyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_signals_TenantId",
                schema: "design",
                table: "ecosystem_signals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ecosystem_signals_TenantId_JourneyId_OccurredAtUtc",
                schema: "design",
                table: "ecosystem_signals",
                columns: new[] { "TenantId", "JourneyId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_drivers_TenantId",
                schema: "design",
                table: "journey_drivers",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "briefs",
                schema: "design");

            migrationBuilder.DropTable(
                name: "ecosystem_maps",
                schema: "design");

            migrationBuilder.DropTable(
                name: "ecosystem_signals",
                schema: "design");

            migrationBuilder.DropTable(
                name: "journey_drivers",
                schema: "design");

            migrationBuilder.DropColumn(
                name: "MetricIdsJson",
                schema: "design",
                table: "step_pain_points");
        }
    }
}
