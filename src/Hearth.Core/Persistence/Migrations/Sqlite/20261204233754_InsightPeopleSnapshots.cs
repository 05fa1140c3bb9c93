using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InsightPeopleSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "People",
                table: "InsightViews",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InsightPeopleSnapshots",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Base = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    People = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightPeopleSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InsightPeopleSnapshots_InsightPeopleSnapshots_Base",
                        column: x => x.Base,
                        principalTable: "InsightPeopleSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InsightViews_People",
                table: "InsightViews",
                column: "People");

            migrationBuilder.CreateIndex(
                name: "IX_InsightPeopleSnapshots_Base",
                table: "InsightPeopleSnapshots",
                column: "Base");

            migrationBuilder.AddForeignKey(
                name: "FK_InsightViews_InsightPeopleSnapshots_People",
                table: "InsightViews",
                column: "People",
                principalTable: "InsightPeopleSnapshots",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_InsightViews_InsightPeopleSnapshots_People",
                table: "InsightViews");

            migrationBuilder.DropTable(
                name: "InsightPeopleSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_InsightViews_People",
                table: "InsightViews");

            migrationBuilder.DropColumn(
                name: "People",
                table: "InsightViews");
        }
    }
}
