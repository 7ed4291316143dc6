using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    FeedbackId = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    ResponseId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Sentiment = table.Column<double>(type: "REAL", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    EffortCuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    TopicIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    TaxonomyVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    DriversJson = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback", x => new { x.TenantId, x.FeedbackId });
                });

            migrationBuilder.CreateTable(
                name: "names",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_names", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "taxonomies",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    TopicsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxonomies", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId",
                table: "feedback",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId_CustomerId",
                table: "feedback",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId_OccurredAtUtc_FeedbackId",
                table: "feedback",
                columns: new[] { "TenantId", "OccurredAtUtc", "FeedbackId" });

            migrationBuilder.CreateIndex(
                name: "IX_names_TenantId",
                table: "names",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_taxonomies_TenantId",
                table: "taxonomies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback");

            migrationBuilder.DropTable(
                name: "names");

            migrationBuilder.DropTable(
                name: "taxonomies");
        }
    }
}
