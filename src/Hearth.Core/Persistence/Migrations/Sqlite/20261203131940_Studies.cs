using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Studies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Studies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegistrationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Hypotheses = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PrimaryOutcomes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SecondaryOutcomes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StratifyBy = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    BlockMultiples = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MinimisationProbability = table.Column<double>(type: "REAL", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PlannedProgramStartDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedProgramEndDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecruitingSince = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Studies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Studies_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentVersions_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EligibilityCriterion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibilityCriterion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EligibilityCriterion_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyArms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProgramId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CohortId = table.Column<int>(type: "INTEGER", nullable: true),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyArms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyArms_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_StudyArms_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyWaves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Anchor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Instruments = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyWaves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyWaves_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyParticipants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ExclusionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ScreenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ArmId = table.Column<int>(type: "INTEGER", nullable: true),
                    EnrolmentNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Stratum = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    EnrolledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsentedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ConsentedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawalKeepsData = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyParticipants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StudyParticipants_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StudyParticipants_StudyArms_ArmId",
                        column: x => x.ArmId,
                        principalTable: "StudyArms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StudyWaveResponses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParticipantId = table.Column<long>(type: "INTEGER", nullable: false),
                    WaveId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstrumentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeasurementId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyWaveResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyWaveResponses_Measurements_MeasurementId",
                        column: x => x.MeasurementId,
                        principalTable: "Measurements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StudyWaveResponses_StudyParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "StudyParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StudyWaveResponses_StudyWaves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "StudyWaves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentVersions_StudyId_Version",
                table: "ConsentVersions",
                columns: new[] { "StudyId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityCriterion_StudyId_Key",
                table: "EligibilityCriterion",
                columns: new[] { "StudyId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studies_OwnerId",
                table: "Studies",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyArms_CohortId",
                table: "StudyArms",
                column: "CohortId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyArms_StudyId_Name",
                table: "StudyArms",
                columns: new[] { "StudyId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_ArmId",
                table: "StudyParticipants",
                column: "ArmId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_StudyId_EnrolmentNumber",
                table: "StudyParticipants",
                columns: new[] { "StudyId", "EnrolmentNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_StudyId_Pseudonym",
                table: "StudyParticipants",
                columns: new[] { "StudyId", "Pseudonym" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_StudyId_UserId",
                table: "StudyParticipants",
                columns: new[] { "StudyId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_UserId",
                table: "StudyParticipants",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyWaveResponses_MeasurementId",
                table: "StudyWaveResponses",
                column: "MeasurementId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyWaveResponses_ParticipantId_WaveId_InstrumentId",
                table: "StudyWaveResponses",
                columns: new[] { "ParticipantId", "WaveId", "InstrumentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyWaveResponses_WaveId",
                table: "StudyWaveResponses",
                column: "WaveId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyWaves_StudyId_Name",
                table: "StudyWaves",
                columns: new[] { "StudyId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentVersions");

            migrationBuilder.DropTable(
                name: "EligibilityCriterion");

            migrationBuilder.DropTable(
                name: "StudyWaveResponses");

            migrationBuilder.DropTable(
                name: "StudyParticipants");

            migrationBuilder.DropTable(
                name: "StudyWaves");

            migrationBuilder.DropTable(
                name: "StudyArms");

            migrationBuilder.DropTable(
                name: "Studies");
        }
    }
}
