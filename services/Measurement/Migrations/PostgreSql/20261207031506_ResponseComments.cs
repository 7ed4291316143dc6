using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ResponseComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "response_comments",
                schema: "measurement",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false, collation: "C"),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_comments", x => new { x.ResponseId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_response_comments_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalSchema: "measurement",
                        principalTable: "responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_response_comments_TenantId",
                schema: "measurement",
                table: "response_comments",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_comments",
                schema: "measurement");
        }
    }
}
