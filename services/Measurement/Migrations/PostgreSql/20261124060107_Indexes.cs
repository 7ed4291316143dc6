using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Indexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "composite_indexes",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    IndexId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ComponentsJson = table.Column<string>(type: "text", nullable: false),
                    WeightsFromOutcomeMetricId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_composite_indexes", x => new { x.TenantId, x.IndexId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_composite_indexes_TenantId",
                schema: "measurement",
                table: "composite_indexes",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "composite_indexes",
                schema: "measurement");
        }
    }
}
