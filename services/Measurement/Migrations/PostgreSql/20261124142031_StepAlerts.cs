using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StepAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_evaluated_buckets",
                schema: "measurement",
                table: "evaluated_buckets");

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                schema: "measurement",
                table: "evaluated_buckets",
                type: "character varying(210)",
                maxLength: 210,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_evaluated_buckets",
                schema: "measurement",
                table: "evaluated_buckets",
                columns: new[] { "TenantId", "MetricId", "Bucket", "Scope" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_evaluated_buckets",
                schema: "measurement",
                table: "evaluated_buckets");

            migrationBuilder.DropColumn(
                name: "Scope",
                schema: "measurement",
                table: "evaluated_buckets");

            migrationBuilder.AddPrimaryKey(
                name: "PK_evaluated_buckets",
                schema: "measurement",
                table: "evaluated_buckets",
                columns: new[] { "TenantId", "MetricId", "Bucket" });
        }
    }
}
