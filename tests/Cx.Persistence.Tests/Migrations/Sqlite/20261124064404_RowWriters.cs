using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Persistence.Tests.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RowWriters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    NoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Seen = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tallies",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tallies", x => new { x.TenantId, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_marks_NoteId",
                table: "marks",
                column: "NoteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marks_TenantId",
                table: "marks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_tallies_TenantId",
                table: "tallies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marks");

            migrationBuilder.DropTable(
                name: "tallies");
        }
    }
}
