using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Design.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReviewAttempt",
                schema: "design",
                table: "journey_versions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewId",
                schema: "design",
                table: "journey_versions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.CreateTable(
                name: "experiments",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ExperimentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    EvidenceForJourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    StartsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConcludedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ConcludedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiments", x => new { x.TenantId, x.ExperimentId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_ConcludedAtUtc_EndsAtUtc",
                schema: "design",
                table: "experiments",
                columns: new[] { "ConcludedAtUtc", "EndsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_TenantId",
                schema: "design",
                table: "experiments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_experiments_TenantId_EvidenceForJourneyId",
                schema: "design",
                table: "experiments",
                columns: new[] { "TenantId", "EvidenceForJourneyId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiments",
                schema: "design");

            migrationBuilder.DropColumn(
                name: "ReviewAttempt",
                schema: "design",
                table: "journey_versions");

            migrationBuilder.DropColumn(
                name: "ReviewId",
                schema: "design",
                table: "journey_versions");
        }
    }
}
