using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Segments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "score_facts",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ResponseId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_facts", x => new { x.TenantId, x.ResponseId, x.MetricId });
                });

            migrationBuilder.CreateTable(
                name: "segment_dependencies",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Dependency = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    SegmentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segment_dependencies", x => new { x.TenantId, x.Dependency, x.SegmentId });
                });

            migrationBuilder.CreateTable(
                name: "segment_history",
                columns: table => new
                {
                    ChangeId = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SegmentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SegmentVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Joined = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segment_history", x => x.ChangeId);
                });

            migrationBuilder.CreateTable(
                name: "segment_members",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SegmentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SinceUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LapsesAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segment_members", x => new { x.TenantId, x.SegmentId, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "segments",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SegmentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    RuleJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    BuiltThrough = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CustomersEvaluated = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberCount = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segments", x => new { x.TenantId, x.SegmentId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_score_facts_TenantId",
                table: "score_facts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_score_facts_TenantId_CustomerId_MetricId_OccurredAtUtc",
                table: "score_facts",
                columns: new[] { "TenantId", "CustomerId", "MetricId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_score_facts_TenantId_EntryId",
                table: "score_facts",
                columns: new[] { "TenantId", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_segment_dependencies_TenantId",
                table: "segment_dependencies",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_segment_history_TenantId",
                table: "segment_history",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_segment_history_TenantId_CustomerId_ChangeId",
                table: "segment_history",
                columns: new[] { "TenantId", "CustomerId", "ChangeId" });

            migrationBuilder.CreateIndex(
                name: "IX_segment_history_TenantId_SegmentId_CustomerId_ChangeId",
                table: "segment_history",
                columns: new[] { "TenantId", "SegmentId", "CustomerId", "ChangeId" });

            migrationBuilder.CreateIndex(
                name: "IX_segment_members_LapsesAtUtc",
                table: "segment_members",
                column: "LapsesAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_segment_members_TenantId",
                table: "segment_members",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_segment_members_TenantId_CustomerId",
                table: "segment_members",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_segments_State_TenantId",
                table: "segments",
                columns: new[] { "State", "TenantId" });

            migrationBuilder.CreateIndex(
                name: "IX_segments_TenantId",
                table: "segments",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "score_facts");

            migrationBuilder.DropTable(
                name: "segment_dependencies");

            migrationBuilder.DropTable(
                name: "segment_history");

            migrationBuilder.DropTable(
                name: "segment_members");

            migrationBuilder.DropTable(
                name: "segments");
        }
    }
}
