using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Measurement.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Instruments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "frequency_rules",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    RuleId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    MinDaysBetween = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AttributeKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AttributeValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_frequency_rules", x => new { x.TenantId, x.RuleId });
                });

            migrationBuilder.CreateTable(
                name: "instruments",
                schema: "measurement",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    QuestionsJson = table.Column<string>(type: "text", nullable: false),
                    OpensAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosesAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SamplingRate = table.Column<double>(type: "double precision", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instruments", x => new { x.TenantId, x.InstrumentId });
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                schema: "measurement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    ContactId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Channel = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SuppressedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemindersSent = table.Column<int>(type: "integer", nullable: false),
                    LastRemindedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_frequency_rules_TenantId",
                schema: "measurement",
                table: "frequency_rules",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_instruments_TenantId",
                schema: "measurement",
                table: "instruments",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TenantId",
                schema: "measurement",
                table: "invitations",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TenantId_ContactId_SentAtUtc",
                schema: "measurement",
                table: "invitations",
                columns: new[] { "TenantId", "ContactId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_invitations_TenantId_InstrumentId_ContactId",
                schema: "measurement",
                table: "invitations",
                columns: new[] { "TenantId", "InstrumentId", "ContactId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "frequency_rules",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "instruments",
                schema: "measurement");

            migrationBuilder.DropTable(
                name: "invitations",
                schema: "measurement");
        }
    }
}
