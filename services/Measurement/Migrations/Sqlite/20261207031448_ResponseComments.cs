using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "response_comments",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_comments", x => new { x.ResponseId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_response_comments_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_response_comments_TenantId",
                table: "response_comments",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_comments");
        }
    }
}
