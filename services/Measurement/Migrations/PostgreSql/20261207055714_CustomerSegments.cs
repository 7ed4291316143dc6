using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CustomerSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_segments",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    SegmentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    CustomerHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CustomerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Member = table.Column<bool>(type: "boolean", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_segments", x => new { x.TenantId, x.SegmentId, x.CustomerHash });
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_segments_TenantId",
                schema: "measurement",
                table: "customer_segments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_customer_segments_TenantId_SegmentId_Member_CustomerId",
                schema: "measurement",
                table: "customer_segments",
                columns: new[] { "TenantId", "SegmentId", "Member", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_segments",
                schema: "measurement");
        }
    }
}
