using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Understanding.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TopicsNamesAndMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                schema: "understanding",
                table: "taxonomies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                collation: "C");

            // Every comment enriched before this column was enriched by the built-in model.
            migrationBuilder.AddColumn<string>(
                name: "Model",
                schema: "understanding",
                table: "feedback",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "builtin-1",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "ViaMergeId",
                schema: "understanding",
                table: "feedback",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                collation: "C");

            migrationBuilder.CreateTable(
                name: "merge_feedback_moves",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MergeId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    FeedbackId = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_merge_feedback_moves", x => new { x.TenantId, x.MergeId, x.FeedbackId });
                });

            migrationBuilder.CreateTable(
                name: "name_lists",
                schema: "understanding",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_name_lists", x => new { x.TenantId, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_merge_feedback_moves_TenantId",
                schema: "understanding",
                table: "merge_feedback_moves",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_name_lists_TenantId",
                schema: "understanding",
                table: "name_lists",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "merge_feedback_moves",
                schema: "understanding");

            migrationBuilder.DropTable(
                name: "name_lists",
                schema: "understanding");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                schema: "understanding",
                table: "taxonomies");

            migrationBuilder.DropColumn(
                name: "Model",
                schema: "understanding",
                table: "feedback");

            migrationBuilder.DropColumn(
                name: "ViaMergeId",
                schema: "understanding",
                table: "feedback");
        }
    }
}
