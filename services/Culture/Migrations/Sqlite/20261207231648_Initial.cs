using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Culture.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "boosts",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    GiverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecognitionId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_boosts", x => new { x.TenantId, x.GiverId, x.RequestId });
                });

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
                name: "employees",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ManagerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Login = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OnBoards = table.Column<bool>(type: "INTEGER", nullable: false),
                    AcceptsAutomatically = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employees", x => new { x.TenantId, x.EmployeeId });
                });

            migrationBuilder.CreateTable(
                name: "given_points",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    GiverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_given_points", x => new { x.TenantId, x.GiverId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "recognitions",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    RecognitionId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GiverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ValueIdsKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AwardLevelId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    BoostedPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Approved = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApproverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AwardedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    ModerationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recognitions", x => new { x.TenantId, x.RecognitionId });
                });

            migrationBuilder.CreateTable(
                name: "ritual_digests",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    DigestId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ManagerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PeriodStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ritual_digests", x => new { x.TenantId, x.DigestId });
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "stories",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    StoryId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValueIdsKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stories", x => new { x.TenantId, x.StoryId });
                });

            migrationBuilder.CreateTable(
                name: "suggestion_votes",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SuggestionId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    EmployeeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suggestion_votes", x => new { x.TenantId, x.SuggestionId, x.EmployeeId });
                });

            migrationBuilder.CreateTable(
                name: "suggestions",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SuggestionId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Votes = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EffectJson = table.Column<string>(type: "TEXT", nullable: true),
                    EffectConcludedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ActionPlanId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PlanCompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suggestions", x => new { x.TenantId, x.SuggestionId });
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ManagerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OnBoards = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => new { x.TenantId, x.TeamId });
                });

            migrationBuilder.CreateTable(
                name: "training_modules",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    StoryIdsKey = table.Column<string>(type: "TEXT", maxLength: 1400, nullable: false),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_modules", x => new { x.TenantId, x.ModuleId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_boosts_TenantId",
                table: "boosts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_boosts_TenantId_EmployeeId_AtUtc",
                table: "boosts",
                columns: new[] { "TenantId", "EmployeeId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_cx_dead_letters_Subscription_EventId",
                table: "cx_dead_letters",
                columns: new[] { "Subscription", "EventId" },
                unique: true);

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
                name: "IX_employees_TenantId",
                table: "employees",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_employees_TenantId_Login",
                table: "employees",
                columns: new[] { "TenantId", "Login" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_employees_TenantId_TeamId",
                table: "employees",
                columns: new[] { "TenantId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_given_points_TenantId",
                table: "given_points",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId",
                table: "recognitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_EmployeeId_ProposedAtUtc",
                table: "recognitions",
                columns: new[] { "TenantId", "EmployeeId", "ProposedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_SourceKey",
                table: "recognitions",
                columns: new[] { "TenantId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_Status_AwardedAtUtc",
                table: "recognitions",
                columns: new[] { "TenantId", "Status", "AwardedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_recognitions_TenantId_TeamId_ProposedAtUtc",
                table: "recognitions",
                columns: new[] { "TenantId", "TeamId", "ProposedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ritual_digests_TenantId",
                table: "ritual_digests",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ritual_digests_TenantId_GeneratedAtUtc",
                table: "ritual_digests",
                columns: new[] { "TenantId", "GeneratedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ritual_digests_TenantId_Kind_SubjectId_PeriodStartUtc",
                table: "ritual_digests",
                columns: new[] { "TenantId", "Kind", "SubjectId", "PeriodStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_settings_TenantId",
                table: "settings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_stories_TenantId",
                table: "stories",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_suggestion_votes_TenantId",
                table: "suggestion_votes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_TenantId",
                table: "suggestions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_TenantId_ActionPlanId",
                table: "suggestions",
                columns: new[] { "TenantId", "ActionPlanId" });

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_TenantId_SubmittedAtUtc",
                table: "suggestions",
                columns: new[] { "TenantId", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_teams_TenantId",
                table: "teams",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_training_modules_TenantId",
                table: "training_modules",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "boosts");

            migrationBuilder.DropTable(
                name: "cx_dead_letters");

            migrationBuilder.DropTable(
                name: "cx_inbox");

            migrationBuilder.DropTable(
                name: "cx_outbox");

            migrationBuilder.DropTable(
                name: "employees");

            migrationBuilder.DropTable(
                name: "given_points");

            migrationBuilder.DropTable(
                name: "recognitions");

            migrationBuilder.DropTable(
                name: "ritual_digests");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "stories");

            migrationBuilder.DropTable(
                name: "suggestion_votes");

            migrationBuilder.DropTable(
                name: "suggestions");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropTable(
                name: "training_modules");
        }
    }
}
