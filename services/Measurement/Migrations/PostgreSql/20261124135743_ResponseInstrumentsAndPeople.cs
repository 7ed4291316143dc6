using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ResponseInstrumentsAndPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstrumentId",
                schema: "measurement",
                table: "responses",
                type: "character varying(63)",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "InvitationId",
                schema: "measurement",
                table: "responses",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_CustomerId_OccurredAtUtc",
                schema: "measurement",
                table: "responses",
                columns: new[] { "TenantId", "CustomerId", "OccurredAtUtc" },
                filter: "\"CustomerId\" <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_EmployeeId_OccurredAtUtc",
                schema: "measurement",
                table: "responses",
                columns: new[] { "TenantId", "EmployeeId", "OccurredAtUtc" },
                filter: "\"EmployeeId\" <> ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_responses_TenantId_CustomerId_OccurredAtUtc",
                schema: "measurement",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "IX_responses_TenantId_EmployeeId_OccurredAtUtc",
                schema: "measurement",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "InstrumentId",
                schema: "measurement",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "InvitationId",
                schema: "measurement",
                table: "responses");
        }
    }
}
