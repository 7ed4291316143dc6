using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cx.Persistence.Tests.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RowWriters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marks",
                schema: "notes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    NoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tallies",
                schema: "notes",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    Sum = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tallies", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_marks_NoteId",
                schema: "notes",
                table: "marks",
                column: "NoteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marks_TenantId",
                schema: "notes",
                table: "marks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_tallies_TenantId",
                schema: "notes",
                table: "tallies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marks",
                schema: "notes");

            migrationBuilder.DropTable(
                name: "tallies",
                schema: "notes");
        }
    }
}
