using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Culture.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "culture");

            migrationBuilder.CreateTable(
                name: "boosts",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    GiverId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    RequestId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    RecognitionId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_boosts", x => new { x.TenantId, x.GiverId, x.RequestId });
                });

            migrationBuilder.CreateTable(
                name: "cx_dead_letters",
                schema: "culture",
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
                schema: "culture",
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
                schema: "culture",
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
                name: "employees",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ManagerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Login = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    OnBoards = table.Column<bool>(type: "boolean", nullable: false),
                    AcceptsAutomatically = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employees", x => new { x.TenantId, x.EmployeeId });
                });

            migrationBuilder.CreateTable(
                name: "given_points",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    GiverId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_given_points", x => new { x.TenantId, x.GiverId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "recognitions",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    RecognitionId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    SourceKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    EmployeeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    GiverId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ValueIdsKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    Link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    AwardLevelId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    BoostedPoints = table.Column<int>(type: "integer", nullable: false),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    Approved = table.Column<bool>(type: "boolean", nullable: false),
                    ApproverId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ApprovedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AwardedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Hidden = table.Column<bool>(type: "boolean", nullable: false),
                    ModerationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognitions", x => new { x.TenantId, x.RecognitionId });
                });

            migrationBuilder.CreateTable(
                name: "ritual_digests",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    DigestId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ManagerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    PeriodStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ritual_digests", x => new { x.TenantId, x.DigestId });
                });

            migrationBuilder.CreateTable(
                name: "settings",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "stories",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    StoryId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    ValueIdsKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false, collation: "C"),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stories", x => new { x.TenantId, x.StoryId });
                });

            migrationBuilder.CreateTable(
                name: "suggestion_votes",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SuggestionId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suggestion_votes", x => new { x.TenantId, x.SuggestionId, x.EmployeeId });
                });

            migrationBuilder.CreateTable(
                name: "suggestions",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SuggestionId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SubmittedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Votes = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EffectJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    EffectConcludedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActionPlanId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PlanCompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suggestions", x => new { x.TenantId, x.SuggestionId });
                });

            migrationBuilder.CreateTable(
                name: "teams",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ManagerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    OnBoards = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => new { x.TenantId, x.TeamId });
                });

            migrationBuilder.CreateTable(
                name: "training_modules",
                schema: "culture",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ModuleId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    StoryIdsKey = table.Column<string>(type: "character varying(1400)", maxLength: 1400, nullable: false, collation: "C"),
                    DocumentJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_modules", x => new { x.TenantId, x.ModuleId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_boosts_TenantId",
                schema: "culture",
                table: "boosts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_boosts_TenantId_EmployeeId_AtUtc",
                schema: "culture",
                table: "boosts",
                columns: new[] { "TenantId", "EmployeeId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cx_dead_letters_Subscription_EventId",
                schema: "culture",
                table: "cx_dead_letters",
                columns: new[] { "Subscription", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                schema: "culture",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                schema: "culture",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_employees_TenantId",
                schema: "culture",
                table: "employees",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_employees_TenantId_Login",
                schema: "culture",
                table: "employees",
                columns: new[] { "TenantId", "Login" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_employees_TenantId_TeamId",
                schema: "culture",
                table: "employees",
                columns: new[] { "TenantId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_given_points_TenantId",
                schema: "culture",
                table: "given_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId",
                schema: "culture",
                table: "recognitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_EmployeeId_ProposedAtUtc",
                schema: "culture",
                table: "recognitions",
                columns: new[] { "TenantId", "EmployeeId", "ProposedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_SourceKey",
                schema: "culture",
                table: "recognitions",
                columns: new[] { "TenantId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_Status_AwardedAtUtc",
                schema: "culture",
                table: "recognitions",
                columns: new[] { "TenantId", "Status", "AwardedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_TeamId_ProposedAtUtc",
                schema: "culture",
                table: "recognitions",
                columns: new[] { "TenantId", "TeamId", "ProposedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ritual_digests_TenantId",
                schema: "culture",
                table: "ritual_digests",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ritual_digests_TenantId_GeneratedAtUtc",
                schema: "culture",
                table: "ritual_digests",
                columns: new[] { "TenantId", "GeneratedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ritual_digests_TenantId_Kind_SubjectId_PeriodStartUtc",
                schema: "culture",
                table: "ritual_digests",
                columns: new[] { "TenantId", "Kind", "SubjectId", "PeriodStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_settings_TenantId",
                schema: "culture",
                table: "settings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_stories_TenantId",
                schema: "culture",
                table: "stories",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_suggestion_votes_TenantId",
                schema: "culture",
                table: "suggestion_votes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_TenantId",
                schema: "culture",
                table: "suggestions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_TenantId_ActionPlanId",
                schema: "culture",
                table: "suggestions",
                columns: new[] { "TenantId", "ActionPlanId" });

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_TenantId_SubmittedAtUtc",
                schema: "culture",
                table: "suggestions",
                columns: new[] { "TenantId", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_teams_TenantId",
                schema: "culture",
                table: "teams",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_training_modules_TenantId",
                schema: "culture",
                table: "training_modules",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "boosts",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "cx_dead_letters",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "cx_inbox",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "cx_outbox",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "employees",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "given_points",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "recognitions",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "ritual_digests",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "settings",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "stories",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "suggestion_votes",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "suggestions",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "teams",
                schema: "culture");

            migrationBuilder.DropTable(
                name: "training_modules",
                schema: "culture");
        }
    }
}
