using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Design.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "design");

            migrationBuilder.CreateTable(
                name: "cx_dead_letters",
                schema: "design",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Subscription = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    EventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    EventType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Envelope = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    DeadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_dead_letters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cx_inbox",
                schema: "design",
                columns: table => new
                {
                    Subscription = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    EventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_inbox", x => new { x.Subscription, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "cx_outbox",
                schema: "design",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CorrelationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    TraceState = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true, collation: "C"),
                    Data = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishAttempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "journey_versions",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    StepIdsKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_versions", x => new { x.TenantId, x.JourneyId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "journeys",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    LatestVersion = table.Column<int>(type: "integer", nullable: false),
                    PublishedVersion = table.Column<int>(type: "integer", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journeys", x => new { x.TenantId, x.JourneyId });
                });

            migrationBuilder.CreateTable(
                name: "step_cases",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CaseId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Opened = table.Column<bool>(type: "boolean", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    Breached = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_step_cases", x => new { x.TenantId, x.CaseId });
                });

            migrationBuilder.CreateTable(
                name: "step_pain_points",
                schema: "design",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PainPointId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    FoundInComments = table.Column<bool>(type: "boolean", nullable: false),
                    Confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    Dismissed = table.Column<bool>(type: "boolean", nullable: false),
                    Mentions = table.Column<long>(type: "bigint", nullable: false),
                    Share = table.Column<double>(type: "double precision", nullable: false),
                    AnnouncedVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_step_pain_points", x => new { x.TenantId, x.PainPointId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_cx_dead_letters_Subscription_EventId",
                schema: "design",
                table: "cx_dead_letters",
                columns: new[] { "Subscription", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                schema: "design",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                schema: "design",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_journey_versions_TenantId",
                schema: "design",
                table: "journey_versions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_journeys_TenantId",
                schema: "design",
                table: "journeys",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_step_cases_TenantId",
                schema: "design",
                table: "step_cases",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_step_cases_TenantId_JourneyId_Closed",
                schema: "design",
                table: "step_cases",
                columns: new[] { "TenantId", "JourneyId", "Closed" });

            migrationBuilder.CreateIndex(
                name: "IX_step_pain_points_TenantId",
                schema: "design",
                table: "step_pain_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_step_pain_points_TenantId_JourneyId_JourneyStepId",
                schema: "design",
                table: "step_pain_points",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cx_dead_letters",
                schema: "design");

            migrationBuilder.DropTable(
                name: "cx_inbox",
                schema: "design");

            migrationBuilder.DropTable(
                name: "cx_outbox",
                schema: "design");

            migrationBuilder.DropTable(
                name: "journey_versions",
                schema: "design");

            migrationBuilder.DropTable(
                name: "journeys",
                schema: "design");

            migrationBuilder.DropTable(
                name: "step_cases",
                schema: "design");

            migrationBuilder.DropTable(
                name: "step_pain_points",
                schema: "design");
        }
    }
}
