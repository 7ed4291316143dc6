using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Strategy.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cx_dead_letters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subscription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Envelope = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DeadAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_dead_letters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cx_inbox",
                columns: table => new
                {
                    Subscription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_inbox", x => new { x.Subscription, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "cx_indexes",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    IndexId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricIds = table.Column<string>(type: "TEXT", maxLength: 700, nullable: false),
                    DefinedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_indexes", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "cx_outbox",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TraceState = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cx_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "drivers",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    OutcomeMetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Importance = table.Column<double>(type: "REAL", nullable: false),
                    Gap = table.Column<double>(type: "REAL", nullable: false),
                    AnalysedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drivers", x => new { x.TenantId, x.OutcomeMetricId, x.MetricId });
                });

            migrationBuilder.CreateTable(
                name: "initiatives",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    InitiativeId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    ExperimentIds = table.Column<string>(type: "TEXT", maxLength: 1400, nullable: false),
                    ActionPlanIds = table.Column<string>(type: "TEXT", maxLength: 1400, nullable: false),
                    RankingDue = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_initiatives", x => new { x.TenantId, x.InitiativeId });
                });

            migrationBuilder.CreateTable(
                name: "maturity_assessments",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    AssessmentId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    AsOfUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maturity_assessments", x => new { x.TenantId, x.AssessmentId });
                });

            migrationBuilder.CreateTable(
                name: "opportunities",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    OpportunityId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    PainPointId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SuggestionId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ExpectedImpact = table.Column<double>(type: "REAL", nullable: false),
                    DriverMetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    OutcomeMetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Importance = table.Column<double>(type: "REAL", nullable: false),
                    Gap = table.Column<double>(type: "REAL", nullable: false),
                    CustomersAffected = table.Column<long>(type: "INTEGER", nullable: false),
                    AffectedFrom = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IdentifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities", x => new { x.TenantId, x.OpportunityId });
                });

            migrationBuilder.CreateTable(
                name: "pain_points",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PainPointId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MetricIds = table.Column<string>(type: "TEXT", maxLength: 700, nullable: false),
                    Mentions = table.Column<long>(type: "INTEGER", nullable: false),
                    FoundInComments = table.Column<bool>(type: "INTEGER", nullable: false),
                    Confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Dismissed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnouncedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pain_points", x => new { x.TenantId, x.PainPointId });
                });

            migrationBuilder.CreateTable(
                name: "self_assessments",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    AssessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_self_assessments", x => new { x.TenantId, x.AssessedAtUtc });
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => new { x.TenantId, x.Kind, x.SubjectId });
                });

            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricIds = table.Column<string>(type: "TEXT", maxLength: 700, nullable: false),
                    ObjectiveId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_targets", x => new { x.TenantId, x.TargetId });
                });

            migrationBuilder.CreateTable(
                name: "visions",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visions", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_cx_dead_letters_Subscription_EventId",
                table: "cx_dead_letters",
                columns: new[] { "Subscription", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_indexes_TenantId",
                table: "cx_indexes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_drivers_TenantId",
                table: "drivers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_TenantId",
                table: "initiatives",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_TenantId_Rank",
                table: "initiatives",
                columns: new[] { "TenantId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_TenantId_RankingDue",
                table: "initiatives",
                columns: new[] { "TenantId", "RankingDue" });

            migrationBuilder.CreateIndex(
                name: "IX_maturity_assessments_TenantId",
                table: "maturity_assessments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_maturity_assessments_TenantId_AsOfUtc",
                table: "maturity_assessments",
                columns: new[] { "TenantId", "AsOfUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_TenantId",
                table: "opportunities",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pain_points_TenantId",
                table: "pain_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_self_assessments_TenantId",
                table: "self_assessments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_signals_TenantId",
                table: "signals",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_signals_TenantId_Kind_OccurredAtUtc",
                table: "signals",
                columns: new[] { "TenantId", "Kind", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_targets_TenantId",
                table: "targets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_targets_TenantId_DueAtUtc",
                table: "targets",
                columns: new[] { "TenantId", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_targets_TenantId_Status",
                table: "targets",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_visions_TenantId",
                table: "visions",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cx_dead_letters");

            migrationBuilder.DropTable(
                name: "cx_inbox");

            migrationBuilder.DropTable(
                name: "cx_indexes");

            migrationBuilder.DropTable(
                name: "cx_outbox");

            migrationBuilder.DropTable(
                name: "drivers");

            migrationBuilder.DropTable(
                name: "initiatives");

            migrationBuilder.DropTable(
                name: "maturity_assessments");

            migrationBuilder.DropTable(
                name: "opportunities");

            migrationBuilder.DropTable(
                name: "pain_points");

            migrationBuilder.DropTable(
                name: "self_assessments");

            migrationBuilder.DropTable(
                name: "signals");

            migrationBuilder.DropTable(
                name: "targets");

            migrationBuilder.DropTable(
                name: "visions");
        }
    }
}
