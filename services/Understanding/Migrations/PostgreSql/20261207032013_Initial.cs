using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "understanding");

            migrationBuilder.CreateTable(
                name: "cx_dead_letters",
                schema: "understanding",
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
                schema: "understanding",
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
                schema: "understanding",
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
                name: "erasures",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CustomerHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ErasedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erasures", x => new { x.TenantId, x.CustomerHash });
                });

            migrationBuilder.CreateTable(
                name: "identities",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identities", x => new { x.TenantId, x.Kind, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "merge_moves",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MergeId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    EntryId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merge_moves", x => new { x.TenantId, x.MergeId, x.EntryId });
                });

            migrationBuilder.CreateTable(
                name: "merges",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MergeId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    IntoCustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    FromCustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Reason = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MergedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    MergedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    UnmergedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    UnmergedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UnmergeReason = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    IntoBeforeJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    FromBeforeJson = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merges", x => new { x.TenantId, x.MergeId });
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    AttributesJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ConsentsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Minimal = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => new { x.TenantId, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    EntryId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    JourneyStepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SourceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    SourceKey = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: true, collation: "C"),
                    DetailJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ViaMergeId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_entries", x => new { x.TenantId, x.EntryId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_cx_dead_letters_Subscription_EventId",
                schema: "understanding",
                table: "cx_dead_letters",
                columns: new[] { "Subscription", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_EventId",
                schema: "understanding",
                table: "cx_outbox",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cx_outbox_PublishedAt_Sequence",
                schema: "understanding",
                table: "cx_outbox",
                columns: new[] { "PublishedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_erasures_TenantId",
                schema: "understanding",
                table: "erasures",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_identities_TenantId",
                schema: "understanding",
                table: "identities",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_identities_TenantId_CustomerId",
                schema: "understanding",
                table: "identities",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_merge_moves_TenantId",
                schema: "understanding",
                table: "merge_moves",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_merges_TenantId",
                schema: "understanding",
                table: "merges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_merges_TenantId_FromCustomerId_Active",
                schema: "understanding",
                table: "merges",
                columns: new[] { "TenantId", "FromCustomerId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_merges_TenantId_IntoCustomerId_Active",
                schema: "understanding",
                table: "merges",
                columns: new[] { "TenantId", "IntoCustomerId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_TenantId",
                schema: "understanding",
                table: "profiles",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_TenantId",
                schema: "understanding",
                table: "timeline_entries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_TenantId_CustomerId_OccurredAtUtc_EntryId",
                schema: "understanding",
                table: "timeline_entries",
                columns: new[] { "TenantId", "CustomerId", "OccurredAtUtc", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_TenantId_SourceKey",
                schema: "understanding",
                table: "timeline_entries",
                columns: new[] { "TenantId", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cx_dead_letters",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "cx_inbox",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "cx_outbox",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "erasures",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "identities",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "merge_moves",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "merges",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "profiles",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "timeline_entries",
                schema: "understanding");
        }
    }
}
