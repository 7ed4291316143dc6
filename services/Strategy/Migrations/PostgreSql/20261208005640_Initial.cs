using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Strategy.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "strategy");

            migrationBuilder.CreateTable(
                name: "cx_dead_letters",
                schema: "strategy",
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
                schema: "strategy",
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
                name: "cx_indexes",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    IndexId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricIds = table.Column<string>(type: "character varying(700)", maxLength: 700, nullable: false, collation: "C"),
                    DefinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_indexes", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "cx_outbox",
                schema: "strategy",
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
                name: "drivers",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    OutcomeMetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Importance = table.Column<double>(type: "double precision", nullable: false),
                    Gap = table.Column<double>(type: "double precision", nullable: false),
                    AnalysedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drivers", x => new { x.TenantId, x.OutcomeMetricId, x.MetricId });
                });

            migrationBuilder.CreateTable(
                name: "initiatives",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    InitiativeId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    ExperimentIds = table.Column<string>(type: "character varying(1400)", maxLength: 1400, nullable: false, collation: "C"),
                    ActionPlanIds = table.Column<string>(type: "character varying(1400)", maxLength: 1400, nullable: false, collation: "C"),
                    RankingDue = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_initiatives", x => new { x.TenantId, x.InitiativeId });
                });

            migrationBuilder.CreateTable(
                name: "maturity_assessments",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    AssessmentId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    AsOfUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maturity_assessments", x => new { x.TenantId, x.AssessmentId });
                });

            migrationBuilder.CreateTable(
                name: "opportunities",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    OpportunityId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    PainPointId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    SuggestionId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ExpectedImpact = table.Column<double>(type: "double precision", nullable: false),
                    DriverMetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    OutcomeMetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Importance = table.Column<double>(type: "double precision", nullable: false),
                    Gap = table.Column<double>(type: "double precision", nullable: false),
                    CustomersAffected = table.Column<long>(type: "bigint", nullable: false),
                    AffectedFrom = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    IdentifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities", x => new { x.TenantId, x.OpportunityId });
                });

            migrationBuilder.CreateTable(
                name: "pain_points",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PainPointId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    MetricIds = table.Column<string>(type: "character varying(700)", maxLength: 700, nullable: false, collation: "C"),
                    Mentions = table.Column<long>(type: "bigint", nullable: false),
                    FoundInComments = table.Column<bool>(type: "boolean", nullable: false),
                    Confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    Dismissed = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    AnnouncedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pain_points", x => new { x.TenantId, x.PainPointId });
                });

            migrationBuilder.CreateTable(
                name: "self_assessments",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    AssessedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_assessments", x => new { x.TenantId, x.AssessedAtUtc });
                });

            migrationBuilder.CreateTable(
                name: "signals",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Detail = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => new { x.TenantId, x.Kind, x.SubjectId });
                });

            migrationBuilder.CreateTable(
                name: "targets",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    TargetId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricIds = table.Column<string>(type: "character varying(700)", maxLength: 700, nullable: false, collation: "C"),
                    ObjectiveId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_targets", x => new { x.TenantId, x.TargetId });
                });

            migrationBuilder.CreateTable(
                name: "visions",
                schema: "strategy",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visions", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_cx_dead_letters_Subscription_EventId",
                schema: "strategy",
                table: "cx_dead_letters",
                columns: new[] { "Subscription", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_indexes_TenantId",
                schema: "strategy",
                table: "cx_indexes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                schema: "strategy",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                schema: "strategy",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_drivers_TenantId",
                schema: "strategy",
                table: "drivers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_TenantId",
                schema: "strategy",
                table: "initiatives",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_TenantId_Rank",
                schema: "strategy",
                table: "initiatives",
                columns: new[] { "TenantId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_TenantId_RankingDue",
                schema: "strategy",
                table: "initiatives",
                columns: new[] { "TenantId", "RankingDue" });

            migrationBuilder.CreateIndex(
                name: "IX_maturity_assessments_TenantId",
                schema: "strategy",
                table: "maturity_assessments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_maturity_assessments_TenantId_AsOfUtc",
                schema: "strategy",
                table: "maturity_assessments",
                columns: new[] { "TenantId", "AsOfUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_TenantId",
                schema: "strategy",
                table: "opportunities",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pain_points_TenantId",
                schema: "strategy",
                table: "pain_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_self_assessments_TenantId",
                schema: "strategy",
                table: "self_assessments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_signals_TenantId",
                schema: "strategy",
                table: "signals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_signals_TenantId_Kind_OccurredAtUtc",
                schema: "strategy",
                table: "signals",
                columns: new[] { "TenantId", "Kind", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_targets_TenantId",
                schema: "strategy",
                table: "targets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_targets_TenantId_DueAtUtc",
                schema: "strategy",
                table: "targets",
                columns: new[] { "TenantId", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_targets_TenantId_Status",
                schema: "strategy",
                table: "targets",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_visions_TenantId",
                schema: "strategy",
                table: "visions",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cx_dead_letters",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "cx_inbox",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "cx_indexes",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "cx_outbox",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "drivers",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "initiatives",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "maturity_assessments",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "opportunities",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "pain_points",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "self_assessments",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "signals",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "targets",
                schema: "strategy");

            migrationBuilder.DropTable(
                name: "visions",
                schema: "strategy");
        }
    }
}
