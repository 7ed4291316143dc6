using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PainPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "driver_analyses",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ScopeKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    OutcomeMetricId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    JourneyStepIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DriversJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    N = table.Column<long>(type: "bigint", nullable: false),
                    AnalysedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_driver_analyses", x => new { x.TenantId, x.ScopeKey });
                });

            migrationBuilder.CreateTable(
                name: "pain_points",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PainPointId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TopicId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    MetricIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FeedbackIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DismissedReason = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ConfirmationJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Mentions = table.Column<long>(type: "bigint", nullable: false),
                    Comments = table.Column<long>(type: "bigint", nullable: false),
                    Share = table.Column<double>(type: "double precision", nullable: false),
                    ShareLower = table.Column<double>(type: "double precision", nullable: false),
                    ShareUpper = table.Column<double>(type: "double precision", nullable: false),
                    ShareElsewhere = table.Column<double>(type: "double precision", nullable: false),
                    WindowDays = table.Column<int>(type: "integer", nullable: false),
                    DetectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DetectedNow = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    IdentifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pain_points", x => new { x.TenantId, x.PainPointId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_driver_analyses_TenantId",
                schema: "understanding",
                table: "driver_analyses",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pain_points_TenantId",
                schema: "understanding",
                table: "pain_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pain_points_TenantId_JourneyId_JourneyStepId",
                schema: "understanding",
                table: "pain_points",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "driver_analyses",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "pain_points",
                schema: "understanding");
        }
    }
}
