using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
            migrationBuilder.Sql(global::Hearth.Core.Insights.PeopleChanges.PostgresTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::Hearth.Core.Insights.PeopleChanges.PostgresDropTriggers);
            migrationBuilder.DropTable(
                name: "PeopleChanges");
        }
    }
}
