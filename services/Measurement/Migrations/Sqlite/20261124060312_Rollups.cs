using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Rollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "score_rollups",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_rollups", x => new { x.TenantId, x.MetricId, x.Day, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.Score });
                });

            migrationBuilder.CreateIndex(
                name: "IX_score_rollups_TenantId",
                table: "score_rollups",
                column: "TenantId");

            // Rollups of the answers recorded before this migration; later ones are added as they are recorded.
            migrationBuilder.Sql(
                """
                INSERT INTO "score_rollups" ("TenantId", "MetricId", "Day", "Channel", "JourneyId", "JourneyStepId", "Touchpoint", "Segment", "Region", "TeamId", "Score", "Count")
                SELECT a."TenantId", a."MetricId", r."Day", r."Channel", r."JourneyId", r."JourneyStepId", r."Touchpoint", r."Segment", r."Region", r."TeamId", a."Score", COUNT(*)
                FROM "answers" a JOIN "responses" r ON r."Id" = a."ResponseId"
                WHERE a."Score" IS NOT NULL
                GROUP BY a."TenantId", a."MetricId", r."Day", r."Channel", r."JourneyId", r."JourneyStepId", r."Touchpoint", r."Segment", r."Region", r."TeamId", a."Score";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "score_rollups");
        }
    }
}
