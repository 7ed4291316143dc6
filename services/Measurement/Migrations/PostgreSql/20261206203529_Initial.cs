using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "measurement");

            migrationBuilder.CreateTable(
                name: "composite_indexes",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    IndexId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ComponentsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    WeightsFromOutcomeMetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_composite_indexes", x => new { x.TenantId, x.IndexId });
                });

            migrationBuilder.CreateTable(
                name: "customer_outcomes",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Outcome = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    MeasuredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_outcomes", x => new { x.TenantId, x.CustomerId, x.Outcome });
                });

            migrationBuilder.CreateTable(
                name: "cx_inbox",
                schema: "measurement",
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
                schema: "measurement",
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
                name: "evaluated_buckets",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Bucket = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    Scope = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false, collation: "C"),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluated_buckets", x => new { x.TenantId, x.MetricId, x.Bucket, x.Scope });
                });

            migrationBuilder.CreateTable(
                name: "frequency_rules",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    RuleId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MinDaysBetween = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C"),
                    AttributeKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    AttributeValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_frequency_rules", x => new { x.TenantId, x.RuleId });
                });

            migrationBuilder.CreateTable(
                name: "instruments",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    InstrumentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    QuestionsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OpensAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SamplingRate = table.Column<double>(type: "double precision", nullable: false),
                    FollowUpRecoveredCases = table.Column<bool>(type: "boolean", nullable: false),
                    JourneyId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instruments", x => new { x.TenantId, x.InstrumentId });
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                schema: "measurement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    InstrumentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ContactId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, collation: "C"),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    SuppressedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemindersSent = table.Column<int>(type: "integer", nullable: false),
                    LastRemindedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "metric_definitions",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ScaleMin = table.Column<int>(type: "integer", nullable: false),
                    ScaleMax = table.Column<int>(type: "integer", nullable: false),
                    HigherIsBetter = table.Column<bool>(type: "boolean", nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_definitions", x => new { x.TenantId, x.MetricId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "responses",
                schema: "measurement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SubmissionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    InstrumentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    InvitationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    EmployeeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    Week = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "score_combinations_monthly",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CombinationKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Scores = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_combinations_monthly", x => new { x.TenantId, x.Month, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.CombinationKey });
                });

            migrationBuilder.CreateTable(
                name: "score_rollups",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_rollups", x => new { x.TenantId, x.MetricId, x.Day, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.Score });
                });

            migrationBuilder.CreateTable(
                name: "score_rollups_monthly",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Touchpoint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_rollups_monthly", x => new { x.TenantId, x.MetricId, x.Month, x.Channel, x.JourneyId, x.JourneyStepId, x.Touchpoint, x.Segment, x.Region, x.TeamId, x.Score });
                });

            migrationBuilder.CreateTable(
                name: "score_totals",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_totals", x => new { x.TenantId, x.MetricId, x.Day, x.Score });
                });

            migrationBuilder.CreateTable(
                name: "answers",
                schema: "measurement",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricVersion = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_answers_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalSchema: "measurement",
                        principalTable: "responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_answers_ResponseId",
                schema: "measurement",
                table: "answers",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_answers_TenantId",
                schema: "measurement",
                table: "answers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_answers_TenantId_MetricId",
                schema: "measurement",
                table: "answers",
                columns: new[] { "TenantId", "MetricId" });

            migrationBuilder.CreateIndex(
                name: "IX_composite_indexes_TenantId",
                schema: "measurement",
                table: "composite_indexes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_customer_outcomes_TenantId",
                schema: "measurement",
                table: "customer_outcomes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                schema: "measurement",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                schema: "measurement",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluated_buckets_TenantId",
                schema: "measurement",
                table: "evaluated_buckets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_frequency_rules_TenantId",
                schema: "measurement",
                table: "frequency_rules",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_instruments_TenantId",
                schema: "measurement",
                table: "instruments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TenantId",
                schema: "measurement",
                table: "invitations",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TenantId_ContactId_SentAtUtc",
                schema: "measurement",
                table: "invitations",
                columns: new[] { "TenantId", "ContactId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TenantId_InstrumentId_ContactId",
                schema: "measurement",
                table: "invitations",
                columns: new[] { "TenantId", "InstrumentId", "ContactId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_metric_definitions_TenantId",
                schema: "measurement",
                table: "metric_definitions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId",
                schema: "measurement",
                table: "responses",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_CustomerId_OccurredAtUtc",
                schema: "measurement",
                table: "responses",
                columns: new[] { "TenantId", "CustomerId", "OccurredAtUtc" },
                filter: "\"CustomerId\" <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_EmployeeId_OccurredAtUtc",
                schema: "measurement",
                table: "responses",
                columns: new[] { "TenantId", "EmployeeId", "OccurredAtUtc" },
                filter: "\"EmployeeId\" <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_OccurredAtUtc",
                schema: "measurement",
                table: "responses",
                columns: new[] { "TenantId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_SubmissionId",
                schema: "measurement",
                table: "responses",
                columns: new[] { "TenantId", "SubmissionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_score_combinations_monthly_TenantId",
                schema: "measurement",
                table: "score_combinations_monthly",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_score_rollups_TenantId",
                schema: "measurement",
                table: "score_rollups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_score_rollups_monthly_TenantId",
                schema: "measurement",
                table: "score_rollups_monthly",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_score_totals_TenantId",
                schema: "measurement",
                table: "score_totals",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answers",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "composite_indexes",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "customer_outcomes",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "cx_inbox",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "cx_outbox",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "evaluated_buckets",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "frequency_rules",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "instruments",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "invitations",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "metric_definitions",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "score_combinations_monthly",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "score_rollups",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "score_rollups_monthly",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "score_totals",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "responses",
                schema: "measurement");
        }
    }
}
