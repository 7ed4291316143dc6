using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cx.Gateway.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WiderWebhookSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
