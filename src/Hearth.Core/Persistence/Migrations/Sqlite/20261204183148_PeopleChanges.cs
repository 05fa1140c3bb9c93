using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PeopleChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeopleChanges", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "PeopleChanges",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            // Raised by the database itself, so that every way of changing people counts (see Insights/PeopleChanges).
            foreach (var trigger in global::Hearth.Core.Insights.PeopleChanges.SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in global::Hearth.Core.Insights.PeopleChanges.SqliteDropTriggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER {trigger};");
            }
            migrationBuilder.DropTable(
                name: "PeopleChanges");
        }
    }
}
