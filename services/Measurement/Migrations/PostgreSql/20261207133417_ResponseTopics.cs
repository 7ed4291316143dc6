using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ResponseTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "response_topics",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_topics", x => new { x.TenantId, x.ResponseId, x.TopicId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_response_topics_TenantId",
                schema: "measurement",
                table: "response_topics",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_response_topics_TenantId_TopicId_ResponseId",
                schema: "measurement",
                table: "response_topics",
                columns: new[] { "TenantId", "TopicId", "ResponseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_topics",
                schema: "measurement");
        }
    }
}
