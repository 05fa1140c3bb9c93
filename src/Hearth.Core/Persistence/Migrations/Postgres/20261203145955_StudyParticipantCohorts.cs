using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StudyParticipantCohorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CohortId",
                table: "StudyParticipants",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProgramPlacedAt",
                table: "StudyParticipants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_CohortId",
                table: "StudyParticipants",
                column: "CohortId");

            migrationBuilder.AddForeignKey(
                name: "FK_StudyParticipants_Cohorts_CohortId",
                table: "StudyParticipants",
                column: "CohortId",
                principalTable: "Cohorts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StudyParticipants_Cohorts_CohortId",
                table: "StudyParticipants");

            migrationBuilder.DropIndex(
                name: "IX_StudyParticipants_CohortId",
                table: "StudyParticipants");

            migrationBuilder.DropColumn(
                name: "CohortId",
                table: "StudyParticipants");

            migrationBuilder.DropColumn(
                name: "ProgramPlacedAt",
                table: "StudyParticipants");
        }
    }
}
