using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScoreCombinations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "score_combinations_monthly",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CombinationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scores = table.Column<string>(type: "text", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_combinations_monthly", x => new { x.TenantId, x.Month, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.CombinationKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_score_combinations_monthly_TenantId",
                schema: "measurement",
                table: "score_combinations_monthly",
                column: "TenantId");

            // The responses already recorded, so driver analyses read the combinations at once.
            migrationBuilder.Sql(
                """
                INSERT INTO "measurement"."score_combinations_monthly" ("TenantId", "Month", "Channel", "JourneyId", "JourneyStepId", "Touchpoint", "Segment", "Region", "TeamId", "CombinationKey", "Scores", "Count")
                SELECT r."TenantId", r."Month", r."Channel", r."JourneyId", r."JourneyStepId", r."Touchpoint", r."Segment", r."Region", r."TeamId", encode(sha256(convert_to(c."Scores", 'UTF8')), 'hex'), c."Scores", COUNT(*)
                FROM (
                    SELECT "ResponseId", ';' || string_agg("MetricId" || '=' || "Score", ';' ORDER BY "MetricId" COLLATE "C") || ';' AS "Scores"
                    FROM "measurement"."answers" WHERE "Score" IS NOT NULL
                    GROUP BY "ResponseId" HAVING COUNT(*) >= 2
                ) c
                JOIN "measurement"."responses" r ON r."Id" = c."ResponseId"
                GROUP BY r."TenantId", r."Month", r."Channel", r."JourneyId", r."JourneyStepId", r."Touchpoint", r."Segment", r."Region", r."TeamId", c."Scores";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "score_combinations_monthly",
                schema: "measurement");
        }
    }
}
