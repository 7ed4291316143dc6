using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Grains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "score_rollups_monthly",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
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
                    table.PrimaryKey("PK_score_rollups_monthly", x => new { x.TenantId, x.MetricId, x.Month, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.Score });
                });

            migrationBuilder.CreateTable(
                name: "score_totals",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_totals", x => new { x.TenantId, x.MetricId, x.Day, x.Score });
                });

            migrationBuilder.CreateIndex(
                name: "IX_score_rollups_monthly_TenantId",
                table: "score_rollups_monthly",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_score_totals_TenantId",
                table: "score_totals",
                column: "TenantId");

            // The rollups already recorded, summed into the new grains, so results read from them at once.
            migrationBuilder.Sql(
                """
                INSERT INTO "score_totals" ("TenantId", "MetricId", "Day", "Score", "Count")
                SELECT "TenantId", "MetricId", "Day", "Score", SUM("Count") FROM "score_rollups"
                GROUP BY "TenantId", "MetricId", "Day", "Score";
                INSERT INTO "score_rollups_monthly" ("TenantId", "MetricId", "Month", "Channel", "JourneyId", "JourneyStepId", "Touchpoint", "Segment", "Region", "TeamId", "Score", "Count")
                SELECT "TenantId", "MetricId", substr("Day", 1, 7), "Channel", "JourneyId", "JourneyStepId", "Touchpoint", "Segment", "Region", "TeamId", "Score", SUM("Count") FROM "score_rollups"
                GROUP BY "TenantId", "MetricId", substr("Day", 1, 7), "Channel", "JourneyId", "JourneyStepId", "Touchpoint", "Segment", "Region", "TeamId", "Score";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "score_rollups_monthly");

            migrationBuilder.DropTable(
                name: "score_totals");
        }
    }
}
