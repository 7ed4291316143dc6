using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    FeedbackId = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false, collation: "C"),
                    ResponseId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    Sentiment = table.Column<double>(type: "double precision", nullable: false),
                    Label = table.Column<int>(type: "integer", nullable: false),
                    EffortCuesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TopicIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TaxonomyVersion = table.Column<long>(type: "bigint", nullable: false),
                    DriversJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback", x => new { x.TenantId, x.FeedbackId });
                });

            migrationBuilder.CreateTable(
                name: "names",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_names", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "taxonomies",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    TopicsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxonomies", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId",
                schema: "understanding",
                table: "feedback",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId_CustomerId",
                schema: "understanding",
                table: "feedback",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_TenantId_OccurredAtUtc_FeedbackId",
                schema: "understanding",
                table: "feedback",
                columns: new[] { "TenantId", "OccurredAtUtc", "FeedbackId" });

            migrationBuilder.CreateIndex(
                name: "IX_names_TenantId",
                schema: "understanding",
                table: "names",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_taxonomies_TenantId",
                schema: "understanding",
                table: "taxonomies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "names",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "taxonomies",
                schema: "understanding");
        }
    }
}
