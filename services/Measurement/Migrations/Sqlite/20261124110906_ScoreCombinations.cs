using Cx.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScoreCombinations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "score_combinations_monthly",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CombinationKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scores = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_combinations_monthly", x => new { x.TenantId, x.Month, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.CombinationKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_score_combinations_monthly_TenantId",
                table: "score_combinations_monthly",
                column: "TenantId");

            // The responses already recorded, so driver analyses read the combinations at once.
            // SQLite has no hash function: the migrator registers ContentKeys.SqliteFunction.
            migrationBuilder.Sql(
                $"""
                INSERT INTO score_combinations_monthly (TenantId, Month, Channel, JourneyId, JourneyStepId, Touchpoint, Segment, Region, TeamId, CombinationKey, Scores, Count)
                SELECT r.TenantId, r.Month, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, {ContentKeys.SqliteFunction}(c.Scores), c.Scores, COUNT(*)
                FROM (
                    SELECT ResponseId, ';' || group_concat(MetricId || '=' || Score, ';' ORDER BY MetricId) || ';' AS Scores
                    FROM answers WHERE Score IS NOT NULL
                    GROUP BY ResponseId HAVING COUNT(*) >= 2
                ) c
                JOIN responses r ON r.Id = c.ResponseId
                GROUP BY r.TenantId, r.Month, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, c.Scores;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "score_combinations_monthly");
        }
    }
}
