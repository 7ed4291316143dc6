using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_segments",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    SegmentId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    CustomerHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Member = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_segments", x => new { x.TenantId, x.SegmentId, x.CustomerHash });
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_segments_TenantId",
                table: "customer_segments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_customer_segments_TenantId_SegmentId_Member_CustomerId",
                table: "customer_segments",
                columns: new[] { "TenantId", "SegmentId", "Member", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_segments");
        }
    }
}
