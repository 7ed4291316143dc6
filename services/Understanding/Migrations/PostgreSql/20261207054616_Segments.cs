using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Segments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "score_facts",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ResponseId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EntryId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_facts", x => new { x.TenantId, x.ResponseId, x.MetricId });
                });

            migrationBuilder.CreateTable(
                name: "segment_dependencies",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Dependency = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    SegmentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segment_dependencies", x => new { x.TenantId, x.Dependency, x.SegmentId });
                });

            migrationBuilder.CreateTable(
                name: "segment_history",
                schema: "understanding",
                columns: table => new
                {
                    ChangeId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SegmentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SegmentVersion = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Joined = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segment_history", x => x.ChangeId);
                });

            migrationBuilder.CreateTable(
                name: "segment_members",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SegmentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    SinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LapsesAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segment_members", x => new { x.TenantId, x.SegmentId, x.CustomerId });
                });

            migrationBuilder.CreateTable(
                name: "segments",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SegmentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RuleJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    BuiltThrough = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    CustomersEvaluated = table.Column<long>(type: "bigint", nullable: false),
                    MemberCount = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segments", x => new { x.TenantId, x.SegmentId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_score_facts_TenantId",
                schema: "understanding",
                table: "score_facts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_score_facts_TenantId_CustomerId_MetricId_OccurredAtUtc",
                schema: "understanding",
                table: "score_facts",
                columns: new[] { "TenantId", "CustomerId", "MetricId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_score_facts_TenantId_EntryId",
                schema: "understanding",
                table: "score_facts",
                columns: new[] { "TenantId", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_segment_dependencies_TenantId",
                schema: "understanding",
                table: "segment_dependencies",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_segment_history_TenantId",
                schema: "understanding",
                table: "segment_history",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_segment_history_TenantId_CustomerId_ChangeId",
                schema: "understanding",
                table: "segment_history",
                columns: new[] { "TenantId", "CustomerId", "ChangeId" });

            migrationBuilder.CreateIndex(
                name: "IX_segment_history_TenantId_SegmentId_CustomerId_ChangeId",
                schema: "understanding",
                table: "segment_history",
                columns: new[] { "TenantId", "SegmentId", "CustomerId", "ChangeId" });

            migrationBuilder.CreateIndex(
                name: "IX_segment_members_LapsesAtUtc",
                schema: "understanding",
                table: "segment_members",
                column: "LapsesAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_segment_members_TenantId",
                schema: "understanding",
                table: "segment_members",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_segment_members_TenantId_CustomerId",
                schema: "understanding",
                table: "segment_members",
                columns: new[] { "TenantId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_segments_State_TenantId",
                schema: "understanding",
                table: "segments",
                columns: new[] { "State", "TenantId" });

            migrationBuilder.CreateIndex(
                name: "IX_segments_TenantId",
                schema: "understanding",
                table: "segments",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "score_facts",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "segment_dependencies",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "segment_history",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "segment_members",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "segments",
                schema: "understanding");
        }
    }
}
