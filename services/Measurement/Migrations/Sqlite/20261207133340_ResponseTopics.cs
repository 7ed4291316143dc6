using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "response_topics",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TopicId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_topics", x => new { x.TenantId, x.ResponseId, x.TopicId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_response_topics_TenantId",
                table: "response_topics",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_response_topics_TenantId_TopicId_ResponseId",
                table: "response_topics",
                columns: new[] { "TenantId", "TopicId", "ResponseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_topics");
        }
    }
}
