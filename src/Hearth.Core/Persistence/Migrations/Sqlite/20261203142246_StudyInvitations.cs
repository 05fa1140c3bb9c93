using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StudyInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "InvitationOnly",
                table: "Studies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "StudyInvitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyInvitations_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StudyInvitations_StudyId",
                table: "StudyInvitations",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyInvitations_TokenHash",
                table: "StudyInvitations",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StudyInvitations");

            migrationBuilder.DropColumn(
                name: "InvitationOnly",
                table: "Studies");
        }
    }
}
