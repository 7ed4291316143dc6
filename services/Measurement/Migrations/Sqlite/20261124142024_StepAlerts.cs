using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite cannot change a primary key in place, and EF's own table rebuild turns foreign
            // keys off outside the transaction. Nothing references this table, so it is rebuilt
            // here by hand, inside the migration's transaction.
            migrationBuilder.DropIndex(
                name: "IX_evaluated_buckets_TenantId",
                table: "evaluated_buckets");

            migrationBuilder.RenameTable(
                name: "evaluated_buckets",
                newName: "evaluated_buckets_unscoped");

            migrationBuilder.CreateTable(
                name: "evaluated_buckets",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    MetricId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Bucket = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 210, nullable: false, defaultValue: ""),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluated_buckets", x => new { x.TenantId, x.MetricId, x.Bucket, x.Scope });
                });

            migrationBuilder.Sql(
                "INSERT INTO \"evaluated_buckets\" (\"TenantId\", \"MetricId\", \"Bucket\", \"Scope\", \"EvaluatedAtUtc\") "
                + "SELECT \"TenantId\", \"MetricId\", \"Bucket\", '', \"EvaluatedAtUtc\" FROM \"evaluated_buckets_unscoped\";");

            migrationBuilder.DropTable(
                name: "evaluated_buckets_unscoped");

            migrationBuilder.CreateIndex(
                name: "IX_evaluated_buckets_TenantId",
                table: "evaluated_buckets",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_evaluated_buckets",
                table: "evaluated_buckets");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "evaluated_buckets");

            migrationBuilder.AddPrimaryKey(
                name: "PK_evaluated_buckets",
                table: "evaluated_buckets",
                columns: new[] { "TenantId", "MetricId", "Bucket" });
        }
    }
}
