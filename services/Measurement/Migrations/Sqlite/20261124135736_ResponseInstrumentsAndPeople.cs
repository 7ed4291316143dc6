using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseInstrumentsAndPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstrumentId",
                table: "responses",
                type: "TEXT",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "InvitationId",
                table: "responses",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_CustomerId_OccurredAtUtc",
                table: "responses",
                columns: new[] { "TenantId", "CustomerId", "OccurredAtUtc" },
                filter: "\"CustomerId\" <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_responses_TenantId_EmployeeId_OccurredAtUtc",
                table: "responses",
                columns: new[] { "TenantId", "EmployeeId", "OccurredAtUtc" },
                filter: "\"EmployeeId\" <> ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_responses_TenantId_CustomerId_OccurredAtUtc",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "IX_responses_TenantId_EmployeeId_OccurredAtUtc",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "InstrumentId",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "InvitationId",
                table: "responses");
        }
    }
}
