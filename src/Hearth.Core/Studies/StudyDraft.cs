using Hearth.Content.Studies;

namespace Hearth.Core.Studies;

public sealed record ArmDraft(string Name, ArmKind Kind, string? ProgramId, int Weight = 1);

public sealed record CriterionDraft(string Key, string Question, bool? Required);

/// <summary>What a researcher writes to create a study; <see cref="StudyDesigns.CreateAsync"/> checks all of it.</summary>
public sealed record StudyDraft(
    string Title,
    string? RegistrationId,
    string Hypotheses,
    IReadOnlyList<string> PrimaryOutcomes,
    IReadOnlyList<string> SecondaryOutcomes,
    IReadOnlyList<ArmDraft> Arms,
    AllocationMethod Method,
    IReadOnlyList<string> StratifyBy,
    IReadOnlyList<CriterionDraft> Criteria,
    IReadOnlyList<WaveDefinition> Waves,
    string TimeZone,
    int PlannedProgramStartDays = 7,
    int PlannedProgramEndDays = 49,
    bool ClusterByTeam = false,
    bool InvitationOnly = false,
    WedgeDraft? Wedge = null);
