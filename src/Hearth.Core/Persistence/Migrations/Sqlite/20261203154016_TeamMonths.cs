using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Caseload = table.Column<double>(type: "REAL", nullable: true),
                    ContractedHours = table.Column<double>(type: "REAL", nullable: true),
                    WorkedHours = table.Column<double>(type: "REAL", nullable: true),
                    OvertimeHours = table.Column<double>(type: "REAL", nullable: true),
                    OnCallShifts = table.Column<double>(type: "REAL", nullable: true),
                    SickLeaveDays = table.Column<double>(type: "REAL", nullable: true),
                    Vacancies = table.Column<double>(type: "REAL", nullable: true),
                    SupervisionHours = table.Column<double>(type: "REAL", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMonths", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamMonths_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_TeamMonths_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMonths_TeamId_Month",
                table: "TeamMonths",
                columns: new[] { "TeamId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMonths_UpdatedById",
                table: "TeamMonths",
                column: "UpdatedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamMonths");
        }
    }
}
