using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Personas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "persona_segments",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PersonaId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SegmentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_persona_segments", x => new { x.TenantId, x.PersonaId, x.SegmentId });
                });

            migrationBuilder.CreateTable(
                name: "personas",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PersonaId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", nullable: false),
                    GoalsJson = table.Column<string>(type: "TEXT", nullable: false),
                    MotivationsJson = table.Column<string>(type: "TEXT", nullable: false),
                    BehavioursJson = table.Column<string>(type: "TEXT", nullable: false),
                    NeedsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ExpectationsJson = table.Column<string>(type: "TEXT", nullable: false),
                    MetricIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personas", x => new { x.TenantId, x.PersonaId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_persona_segments_TenantId",
                table: "persona_segments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_persona_segments_TenantId_SegmentId",
                table: "persona_segments",
                columns: new[] { "TenantId", "SegmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_personas_TenantId",
                table: "personas",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "persona_segments");

            migrationBuilder.DropTable(
                name: "personas");
        }
    }
}
