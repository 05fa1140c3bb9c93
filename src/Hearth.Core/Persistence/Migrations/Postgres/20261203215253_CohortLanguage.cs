using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Postgres
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
                type: "character varying(16)",
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
