using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Personas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "persona_segments",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PersonaId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SegmentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Ordinal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_persona_segments", x => new { x.TenantId, x.PersonaId, x.SegmentId });
                });

            migrationBuilder.CreateTable(
                name: "personas",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    PersonaId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Narrative = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    GoalsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MotivationsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    BehavioursJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    NeedsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ExpectationsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MetricIdsJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personas", x => new { x.TenantId, x.PersonaId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_persona_segments_TenantId",
                schema: "understanding",
                table: "persona_segments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_persona_segments_TenantId_SegmentId",
                schema: "understanding",
                table: "persona_segments",
                columns: new[] { "TenantId", "SegmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_personas_TenantId",
                schema: "understanding",
                table: "personas",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "persona_segments",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "personas",
                schema: "understanding");
        }
    }
}
