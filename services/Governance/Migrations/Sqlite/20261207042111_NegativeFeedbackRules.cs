using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NegativeFeedbackRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EffortCuesJson",
                table: "case_rules",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<double>(
                name: "MaxSentiment",
                table: "case_rules",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TopicIdsJson",
                table: "case_rules",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EffortCuesJson",
                table: "case_rules");

            migrationBuilder.DropColumn(
                name: "MaxSentiment",
                table: "case_rules");

            migrationBuilder.DropColumn(
                name: "TopicIdsJson",
                table: "case_rules");
        }
    }
}
