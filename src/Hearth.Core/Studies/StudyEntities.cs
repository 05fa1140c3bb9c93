using Hearth.Content.Studies;

namespace Hearth.Core.Studies;

public enum StudyStatus { Draft, Recruiting, Closed }

public enum ArmKind { Active, Waitlist, TreatmentAsUsual }

public enum ParticipantStatus { Excluded, Enrolled, Withdrawn }

/// <summary>
/// A study a researcher designs and runs: its question, arms, allocation, eligibility, waves and consent.
/// The design is frozen once recruiting starts (only consent can get a new version). <see cref="Seed"/>
/// reproduces every allocation; it is written to the audit log, never shown on the researcher's pages,
/// so the allocation list stays concealed from the people enrolling.
/// </summary>
public sealed class Study
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? RegistrationId { get; set; }
    public string Hypotheses { get; set; } = "";
    /// <summary>Instrument scores as <c>instrument/score</c>, comma-separated.</summary>
    public string PrimaryOutcomes { get; set; } = "";
    public string SecondaryOutcomes { get; set; } = "";
    public AllocationMethod Method { get; set; }
    /// <summary>Eligibility question keys stratified or minimised on, comma-separated.</summary>
    public string StratifyBy { get; set; } = "";
    public string BlockMultiples { get; set; } = "1,2";
    public double MinimisationProbability { get; set; } = 0.8;
    /// <summary>A cluster trial: whole teams are allocated, and everyone in a team follows their team's arm.</summary>
    public bool ClusterByTeam { get; set; }
    /// <summary>Only people holding one of the study's invitation links may screen and enrol.</summary>
    public bool InvitationOnly { get; set; }
    /// <summary>Steps of a stepped-wedge study (see <see cref="StudyWedge"/>); 0 for any other design.</summary>
    public int WedgeSteps { get; set; }
    public int WedgeStepDays { get; set; }
    /// <summary>The ids of the teams in the wedge, comma-separated.</summary>
    public string WedgeTeams { get; set; } = "";
    public long Seed { get; set; }
    public required string TimeZone { get; set; }
    public int PlannedProgramStartDays { get; set; }
    public int PlannedProgramEndDays { get; set; }
    public StudyStatus Status { get; set; }
    public required string OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RecruitingSince { get; set; }
    public List<StudyArm> Arms { get; set; } = [];
    public List<StudyWave> Waves { get; set; } = [];
    public List<EligibilityCriterion> Criteria { get; set; } = [];
    public List<ConsentVersion> ConsentVersions { get; set; } = [];
}

/// <summary>An arm: an active one runs a program (placing participants in its cohort), a waitlist gets it after its last wave.</summary>
public sealed class StudyArm
{
    public int Id { get; set; }
    public int StudyId { get; set; }
    public required string Name { get; set; }
    public ArmKind Kind { get; set; }
    public string? ProgramId { get; set; }
    /// <summary>The cohort allocated participants join (active arms); null until the researcher names one.</summary>
    public int? CohortId { get; set; }
    public int Weight { get; set; } = 1;
    public int Order { get; set; }
}

public sealed class StudyWave
{
    public int Id { get; set; }
    public int StudyId { get; set; }
    public required string Name { get; set; }
    public WaveAnchor Anchor { get; set; }
    public int OffsetDays { get; set; }
    public int WindowDays { get; set; }
    /// <summary>Instrument ids, comma-separated.</summary>
    public string Instruments { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>A yes/no screening question; a participant whose answer differs from <see cref="Required"/> is not eligible.</summary>
public sealed class EligibilityCriterion
{
    public int Id { get; set; }
    public int StudyId { get; set; }
    /// <summary>A short name, used when stratifying by this answer (e.g. <c>night-shifts</c>).</summary>
    public required string Key { get; set; }
    public required string Question { get; set; }
    /// <summary>The answer eligibility requires, or null when the question only records a stratum.</summary>
    public bool? Required { get; set; }
    public int Order { get; set; }
}

/// <summary>One published version of the consent text; a new version asks every enrolled participant again.</summary>
public sealed class ConsentVersion
{
    public int Id { get; set; }
    public int StudyId { get; set; }
    public int Version { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>
/// A person in a study. Researchers see them by <see cref="Pseudonym"/> only; the link to the account
/// stays in the database for the participant's own pages and for withdrawal.
/// </summary>
public sealed class StudyParticipant : Rules.IOwnedByUser
{
    public long Id { get; set; }
    public int StudyId { get; set; }
    public required string UserId { get; set; }
    public required string Pseudonym { get; set; }
    public ParticipantStatus Status { get; set; }
    /// <summary>Screening answers as <c>key=yes|no</c>, comma-separated.</summary>
    public string Answers { get; set; } = "";
    public string? ExclusionReason { get; set; }
    public DateTimeOffset ScreenedAt { get; set; }
    public int? ArmId { get; set; }
    /// <summary>Order of enrolment within the study, which the allocation replays.</summary>
    public int? EnrolmentNumber { get; set; }
    public string? Stratum { get; set; }
    /// <summary>In a cluster trial, the team (id) the participant was allocated with.</summary>
    public string? Cluster { get; set; }
    public DateTimeOffset? EnrolledAt { get; set; }
    public int? ConsentedVersion { get; set; }
    public DateTimeOffset? ConsentedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public bool? WithdrawalKeepsData { get; set; }
    /// <summary>
    /// The cohort the participant was placed in: an active arm's at enrolment, a waitlist's after the last
    /// wave. Kept per participant because an arm's cohort can change as recruitment rolls on, and each
    /// participant's program-anchored waves follow their own cohort.
    /// </summary>
    public int? CohortId { get; set; }
    /// <summary>When the participant joined <see cref="CohortId"/>; null while a waitlist participant is still waiting.</summary>
    public DateTimeOffset? ProgramPlacedAt { get; set; }
}

/// <summary>A questionnaire a participant answered within one of their waves: the link from a study wave to the measurement.</summary>
public sealed class StudyWaveResponse
{
    public long Id { get; set; }
    public long ParticipantId { get; set; }
    public int WaveId { get; set; }
    public required string InstrumentId { get; set; }
    public long MeasurementId { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}

/// <summary>
/// A link in a wave's e-mail that opens that wave's questionnaires without signing in: bound to one
/// participant and wave, stored as a hash, usable until the wave closes and spent once the wave is done.
/// </summary>
public sealed class WaveLink
{
    public long Id { get; set; }
    public long ParticipantId { get; set; }
    public int WaveId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>When the link was first followed: the delivery log's "opened" (no tracking pixel).</summary>
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A single-use enrolment link of an invitation-only study; only its hash is stored.</summary>
public sealed class StudyInvitation
{
    public long Id { get; set; }
    public int StudyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
