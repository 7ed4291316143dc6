using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Governance.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NegativeFeedbackRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EffortCuesJson",
                schema: "governance",
                table: "case_rules",
                type: "text",
                nullable: false,
                defaultValue: "[]",
                collation: "C");

            migrationBuilder.AddColumn<double>(
                name: "MaxSentiment",
                schema: "governance",
                table: "case_rules",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TopicIdsJson",
                schema: "governance",
                table: "case_rules",
                type: "text",
                nullable: false,
                defaultValue: "[]",
                collation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EffortCuesJson",
                schema: "governance",
                table: "case_rules");

            migrationBuilder.DropColumn(
                name: "MaxSentiment",
                schema: "governance",
                table: "case_rules");

            migrationBuilder.DropColumn(
                name: "TopicIdsJson",
                schema: "governance",
                table: "case_rules");
        }
    }
}
