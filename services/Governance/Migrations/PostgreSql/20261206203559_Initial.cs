using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Governance.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "governance");

            migrationBuilder.CreateTable(
                name: "action_plans",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PlanId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    PercentComplete = table.Column<int>(type: "integer", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    PatternId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    MetricIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SubActionsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plans", x => new { x.TenantId, x.PlanId });
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                schema: "governance",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SubjectType = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SubjectId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Details = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "case_rules",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    RuleId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Precedence = table.Column<int>(type: "integer", nullable: false),
                    MetricIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MaxScore = table.Column<int>(type: "integer", nullable: false),
                    SegmentsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    JourneyIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Assignment = table.Column<int>(type: "integer", nullable: false),
                    AssigneesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MaxSignalAgeDays = table.Column<int>(type: "integer", nullable: false),
                    FallbackOwner = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Assigned = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_rules", x => new { x.TenantId, x.RuleId });
                });

            migrationBuilder.CreateTable(
                name: "cases",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CaseId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false, collation: "C"),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    RuleId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SignalsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SlaRemainingSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Escalated = table.Column<bool>(type: "boolean", nullable: false),
                    EscalatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RootCauseCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ResolutionNotes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Recovered = table.Column<bool>(type: "boolean", nullable: false),
                    FollowUpChannel = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    FollowUpLanguage = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActiveKey = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: true, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => new { x.TenantId, x.CaseId });
                });

            migrationBuilder.CreateTable(
                name: "cx_inbox",
                schema: "governance",
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
                schema: "governance",
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
                name: "ownerships",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Accountable = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ResponsibleJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ConsultedJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    InformedJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ownerships", x => new { x.TenantId, x.JourneyId, x.Touchpoint });
                });

            migrationBuilder.CreateTable(
                name: "patterns",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PatternId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    RootCauseCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Occurrences = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RootCausesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patterns", x => new { x.TenantId, x.PatternId });
                });

            migrationBuilder.CreateTable(
                name: "policies",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Json = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policies", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ChangeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    ReviewId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    ChecksJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Reviewer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => new { x.TenantId, x.ChangeId, x.Revision });
                });

            migrationBuilder.CreateTable(
                name: "standards",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    StandardId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Comparison = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    JourneyIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standards", x => new { x.TenantId, x.StandardId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_TenantId",
                schema: "governance",
                table: "action_plans",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId",
                schema: "governance",
                table: "audit_entries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId_AtUtc",
                schema: "governance",
                table: "audit_entries",
                columns: new[] { "TenantId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TenantId_SubjectType_SubjectId_Sequence",
                schema: "governance",
                table: "audit_entries",
                columns: new[] { "TenantId", "SubjectType", "SubjectId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_case_rules_TenantId",
                schema: "governance",
                table: "case_rules",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Escalated_DueAtUtc",
                schema: "governance",
                table: "cases",
                columns: new[] { "Escalated", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId",
                schema: "governance",
                table: "cases",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_ActiveKey",
                schema: "governance",
                table: "cases",
                columns: new[] { "TenantId", "ActiveKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_JourneyId_JourneyStepId_RootCauseCategory_Re~",
                schema: "governance",
                table: "cases",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId", "RootCauseCategory", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_TenantId_OpenedAtUtc",
                schema: "governance",
                table: "cases",
                columns: new[] { "TenantId", "OpenedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                schema: "governance",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                schema: "governance",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_ownerships_TenantId",
                schema: "governance",
                table: "ownerships",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_patterns_TenantId",
                schema: "governance",
                table: "patterns",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_patterns_TenantId_JourneyId_JourneyStepId_RootCauseCategory",
                schema: "governance",
                table: "patterns",
                columns: new[] { "TenantId", "JourneyId", "JourneyStepId", "RootCauseCategory" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_policies_TenantId",
                schema: "governance",
                table: "policies",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_reviews_TenantId",
                schema: "governance",
                table: "reviews",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_standards_TenantId",
                schema: "governance",
                table: "standards",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_plans",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "audit_entries",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "case_rules",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "cases",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "cx_inbox",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "cx_outbox",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "ownerships",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "patterns",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "policies",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "reviews",
                schema: "governance");

            migrationBuilder.DropTable(
                name: "standards",
                schema: "governance");
        }
    }
}
