using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.Sqlite
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
                name: "erasures",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CustomerHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ErasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_erasures", x => new { x.TenantId, x.CustomerHash });
                });

            migrationBuilder.CreateTable(
                name: "identities",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identities", x => new { x.TenantId, x.Kind, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "merge_moves",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MergeId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merge_moves", x => new { x.TenantId, x.MergeId, x.EntryId });
                });

            migrationBuilder.CreateTable(
                name: "merges",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MergeId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IntoCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FromCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MergedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnmergedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnmergedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnmergeReason = table.Column<string>(type: "TEXT", nullable: false),
                    IntoBeforeJson = table.Column<string>(type: "TEXT", nullable: false),
                    FromBeforeJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merges", x => new { x.TenantId, x.MergeId });
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AttributesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConsentsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Minimal = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => new { x.TenantId, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JourneyStepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 220, nullable: true),
                    DetailJson = table.Column<string>(type: "TEXT", nullable: false),
                    ViaMergeId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_entries", x => new { x.TenantId, x.EntryId });
                });

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
                name: "IX_erasures_TenantId",
                table: "erasures",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_identities_TenantId",
                table: "identities",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_identities_TenantId_CustomerId",
                table: "identities",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_merge_moves_TenantId",
                table: "merge_moves",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_merges_TenantId",
                table: "merges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_merges_TenantId_FromCustomerId_Active",
                table: "merges",
                columns: new[] { "TenantId", "FromCustomerId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_merges_TenantId_IntoCustomerId_Active",
                table: "merges",
                columns: new[] { "TenantId", "IntoCustomerId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_TenantId",
                table: "profiles",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_TenantId",
                table: "timeline_entries",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_TenantId_CustomerId_OccurredAtUtc_EntryId",
                table: "timeline_entries",
                columns: new[] { "TenantId", "CustomerId", "OccurredAtUtc", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_TenantId_SourceKey",
                table: "timeline_entries",
                columns: new[] { "TenantId", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cx_dead_letters");

            migrationBuilder.DropTable(
                name: "cx_inbox");

            migrationBuilder.DropTable(
                name: "cx_outbox");

            migrationBuilder.DropTable(
                name: "erasures");

            migrationBuilder.DropTable(
                name: "identities");

            migrationBuilder.DropTable(
                name: "merge_moves");

            migrationBuilder.DropTable(
                name: "merges");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "timeline_entries");
        }
    }
}
