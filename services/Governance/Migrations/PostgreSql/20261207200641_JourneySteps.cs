using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class JourneySteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "journey_steps",
                schema: "governance",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    JourneyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    StepId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    TouchpointsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    JourneyVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_steps", x => new { x.TenantId, x.JourneyId, x.StepId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_journey_steps_TenantId",
                schema: "governance",
                table: "journey_steps",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "journey_steps",
                schema: "governance");
        }
    }
}
