using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TopicsNamesAndMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "taxonomies",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Every comment enriched before this column was enriched by the built-in model.
            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "feedback",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "builtin-1");

            migrationBuilder.AddColumn<string>(
                name: "ViaMergeId",
                table: "feedback",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "merge_feedback_moves",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MergeId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FeedbackId = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merge_feedback_moves", x => new { x.TenantId, x.MergeId, x.FeedbackId });
                });

            migrationBuilder.CreateTable(
                name: "name_lists",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_name_lists", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_merge_feedback_moves_TenantId",
                table: "merge_feedback_moves",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_name_lists_TenantId",
                table: "name_lists",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "merge_feedback_moves");

            migrationBuilder.DropTable(
                name: "name_lists");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "taxonomies");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "feedback");

            migrationBuilder.DropColumn(
                name: "ViaMergeId",
                table: "feedback");
        }
    }
}
