using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluated_buckets",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Bucket = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluated_buckets", x => new { x.TenantId, x.MetricId, x.Bucket });
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluated_buckets_TenantId",
                schema: "measurement",
                table: "evaluated_buckets",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluated_buckets",
                schema: "measurement");
        }
    }
}
