using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Insights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insights",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    InsightId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    StepsKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TagsKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SearchText = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_insights", x => new { x.TenantId, x.InsightId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_insights_TenantId",
                schema: "understanding",
                table: "insights",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_insights_TenantId_JourneyId_RecordedAtUtc",
                schema: "understanding",
                table: "insights",
                columns: new[] { "TenantId", "JourneyId", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_insights_TenantId_RecordedAtUtc_InsightId",
                schema: "understanding",
                table: "insights",
                columns: new[] { "TenantId", "RecordedAtUtc", "InsightId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "insights",
                schema: "understanding");
        }
    }
}
