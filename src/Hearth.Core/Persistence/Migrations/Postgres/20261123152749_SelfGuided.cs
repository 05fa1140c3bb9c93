using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SelfGuided : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Cohorts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SelfGuided",
                table: "Cohorts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Cohorts_OwnerId_ProgramId",
                table: "Cohorts",
                columns: new[] { "OwnerId", "ProgramId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Cohorts_AspNetUsers_OwnerId",
                table: "Cohorts",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cohorts_AspNetUsers_OwnerId",
                table: "Cohorts");

            migrationBuilder.DropIndex(
                name: "IX_Cohorts_OwnerId_ProgramId",
                table: "Cohorts");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Cohorts");

            migrationBuilder.DropColumn(
                name: "SelfGuided",
                table: "Cohorts");
        }
    }
}
