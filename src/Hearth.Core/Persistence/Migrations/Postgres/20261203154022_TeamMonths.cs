using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Caseload = table.Column<double>(type: "double precision", nullable: true),
                    ContractedHours = table.Column<double>(type: "double precision", nullable: true),
                    WorkedHours = table.Column<double>(type: "double precision", nullable: true),
                    OvertimeHours = table.Column<double>(type: "double precision", nullable: true),
                    OnCallShifts = table.Column<double>(type: "double precision", nullable: true),
                    SickLeaveDays = table.Column<double>(type: "double precision", nullable: true),
                    Vacancies = table.Column<double>(type: "double precision", nullable: true),
                    SupervisionHours = table.Column<double>(type: "double precision", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<string>(type: "text", nullable: true)
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
