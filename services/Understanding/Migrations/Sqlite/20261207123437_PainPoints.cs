using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PainPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "driver_analyses",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OutcomeMetricId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    JourneyStepIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    DriversJson = table.Column<string>(type: "TEXT", nullable: false),
                    N = table.Column<long>(type: "INTEGER", nullable: false),
                    AnalysedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_driver_analyses", x => new { x.TenantId, x.ScopeKey });
                });

            migrationBuilder.CreateTable(
                name: "pain_points",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PainPointId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TopicId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MetricIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    FeedbackIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    DismissedReason = table.Column<string>(type: "TEXT", nullable: false),
                    ConfirmationJson = table.Column<string>(type: "TEXT", nullable: true),
                    Mentions = table.Column<long>(type: "INTEGER", nullable: false),
                    Comments = table.Column<long>(type: "INTEGER", nullable: false),
                    Share = table.Column<double>(type: "REAL", nullable: false),
                    ShareLower = table.Column<double>(type: "REAL", nullable: false),
                    ShareUpper = table.Column<double>(type: "REAL", nullable: false),
                    ShareElsewhere = table.Column<double>(type: "REAL", nullable: false),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DetectedNow = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pain_points", x => new { x.TenantId, x.PainPointId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_driver_analyses_TenantId",
                table: "driver_analyses",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pain_points_TenantId",
                table: "pain_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pain_points_TenantId_JourneyId_JourneyStepId",
                table: "pain_points",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "driver_analyses");

            migrationBuilder.DropTable(
                name: "pain_points");
        }
    }
}
