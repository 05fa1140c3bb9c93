using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CohortLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Cohorts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Cohorts");
        }
    }
}
