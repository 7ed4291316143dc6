using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PlanId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PercentComplete = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PatternId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MetricIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    SubActionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plans", x => new { x.TenantId, x.PlanId });
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "case_rules",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Precedence = table.Column<int>(type: "INTEGER", nullable: false),
                    MetricIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    MaxScore = table.Column<int>(type: "INTEGER", nullable: false),
                    SegmentsJson = table.Column<string>(type: "TEXT", nullable: false),
                    JourneyIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Assignment = table.Column<int>(type: "INTEGER", nullable: false),
                    AssigneesJson = table.Column<string>(type: "TEXT", nullable: false),
                    MaxSignalAgeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FallbackOwner = table.Column<string>(type: "TEXT", nullable: false),
                    Assigned = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_rules", x => new { x.TenantId, x.RuleId });
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SignalsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SlaRemainingSeconds = table.Column<double>(type: "REAL", nullable: true),
                    Escalated = table.Column<bool>(type: "INTEGER", nullable: false),
                    EscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalatedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RootCauseCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ResolutionNotes = table.Column<string>(type: "TEXT", nullable: false),
                    Recovered = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowUpChannel = table.Column<string>(type: "TEXT", nullable: false),
                    FollowUpLanguage = table.Column<string>(type: "TEXT", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ActiveKey = table.Column<string>(type: "TEXT", maxLength: 210, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => new { x.TenantId, x.CaseId });
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
                name: "ownerships",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Touchpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Accountable = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ResponsibleJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConsultedJson = table.Column<string>(type: "TEXT", nullable: false),
                    InformedJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ownerships", x => new { x.TenantId, x.JourneyId, x.Touchpoint });
                });

            migrationBuilder.CreateTable(
                name: "patterns",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PatternId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RootCauseCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Occurrences = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CaseIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    RootCausesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patterns", x => new { x.TenantId, x.PatternId });
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ChangeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChecksJson = table.Column<string>(type: "TEXT", nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => new { x.TenantId, x.ChangeId, x.Revision });
                });

            migrationBuilder.CreateTable(
                name: "standards",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    StandardId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Comparison = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    JourneyIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards", x => new { x.TenantId, x.StandardId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_TenantId",
                table: "action_plans",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId",
                table: "audit_entries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId_AtUtc",
                table: "audit_entries",
                columns: new[] { "TenantId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId_SubjectType_SubjectId_Sequence",
                table: "audit_entries",
                columns: new[] { "TenantId", "SubjectType", "SubjectId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_case_rules_TenantId",
                table: "case_rules",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Escalated_DueAtUtc",
                table: "cases",
                columns: new[] { "Escalated", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId",
                table: "cases",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_ActiveKey",
                table: "cases",
                columns: new[] { "TenantId", "ActiveKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_JourneyId_JourneyStepId_RootCauseCategory_ResolvedAtUtc",
                table: "cases",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId", "RootCauseCategory", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_OpenedAtUtc",
                table: "cases",
                columns: new[] { "TenantId", "OpenedAtUtc" });

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
                name: "IX_ownerships_TenantId",
                table: "ownerships",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_patterns_TenantId",
                table: "patterns",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_patterns_TenantId_JourneyId_JourneyStepId_RootCauseCategory",
                table: "patterns",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId", "RootCauseCategory" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_policies_TenantId",
                table: "policies",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_reviews_TenantId",
                table: "reviews",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_standards_TenantId",
                table: "standards",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_plans");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "case_rules");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "cx_inbox");

            migrationBuilder.DropTable(
                name: "cx_outbox");

            migrationBuilder.DropTable(
                name: "ownerships");

            migrationBuilder.DropTable(
                name: "patterns");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropTable(
                name: "reviews");

            migrationBuilder.DropTable(
                name: "standards");
        }
    }
}
