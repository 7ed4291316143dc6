using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JourneySteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "journey_steps",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    JourneyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TouchpointsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    JourneyVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_steps", x => new { x.TenantId, x.JourneyId, x.StepId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_journey_steps_TenantId",
                table: "journey_steps",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "journey_steps");
        }
    }
}
