using System.Security.Cryptography;
using Hearth.Content;
using Hearth.Content.Instruments;
using Hearth.Content.Programs;
using Hearth.Content.Studies;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>
/// A researcher designs a study, publishes its consent text and opens recruitment. Every rule that
/// refuses names its field. The design is frozen when recruitment opens; consent can get new versions.
/// </summary>
public sealed class StudyDesigns(HearthDbContext db, InstrumentCatalog instruments, ProgramCatalog programs, TimeProvider clock)
{
    public async Task<Outcome<Study>> CreateAsync(string researcherId, StudyDraft draft, CancellationToken cancellationToken = default)
    {
        if ((Check(draft) ?? StudyWedge.Check(draft)) is { } problem)
        {
            return problem;
        }
        if (draft.Wedge is { } wedge)
        {
            var known = await db.Teams.Where(t => wedge.Teams.Contains(t.Id)).CountAsync(cancellationToken);
            if (known != wedge.Teams.Distinct().Count())
            {
                return new FieldProblem("WedgeTeams", ProblemText.Get("Studies.WedgeTeamMissing"));
            }
            // A stepped wedge crosses whole teams: it is a cluster trial by team.
            draft = draft with { ClusterByTeam = true };
        }
        // The seed comes from the operating system's generator: nobody chooses it, and it is recorded
        // only in the audit log (administrators), so the researcher cannot foresee an allocation.
        var seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
        var study = new Study
        {
            Title = draft.Title.Trim(),
            RegistrationId = string.IsNullOrWhiteSpace(draft.RegistrationId) ? null : draft.RegistrationId.Trim(),
            Hypotheses = draft.Hypotheses.Trim(),
            PrimaryOutcomes = string.Join(",", draft.PrimaryOutcomes),
            SecondaryOutcomes = string.Join(",", draft.SecondaryOutcomes),
            Method = draft.Method,
            StratifyBy = string.Join(",", draft.StratifyBy),
            Seed = seed,
            TimeZone = draft.TimeZone,
            PlannedProgramStartDays = draft.PlannedProgramStartDays,
            PlannedProgramEndDays = draft.PlannedProgramEndDays,
            ClusterByTeam = draft.ClusterByTeam,
            InvitationOnly = draft.InvitationOnly,
            WedgeSteps = draft.Wedge?.Steps ?? 0,
            WedgeStepDays = draft.Wedge?.StepDays ?? 0,
            WedgeTeams = draft.Wedge is { } w ? string.Join(",", w.Teams.Distinct().Order()) : "",
            Status = StudyStatus.Draft,
            OwnerId = researcherId,
            CreatedAt = clock.GetUtcNow(),
            Arms = [.. draft.Arms.Select((a, i) => new StudyArm { Name = a.Name.Trim(), Kind = a.Kind, ProgramId = a.ProgramId, Weight = a.Weight, Order = i })],
            Waves = [.. draft.Waves.Select((w, i) => new StudyWave { Name = w.Name.Trim(), Anchor = w.Anchor, OffsetDays = w.OffsetDays, WindowDays = w.WindowDays, Instruments = string.Join(",", w.Instruments), Order = i })],
            Criteria = [.. draft.Criteria.Select((c, i) => new EligibilityCriterion { Key = c.Key, Question = c.Question.Trim(), Required = c.Required, Order = i })],
        };
        db.Studies.Add(study);
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(clock, researcherId, "study-create", null, $"study {study.Id}: {study.Title}; allocation {(study.IsWedge() ? $"stepped wedge, {study.WedgeSteps} steps of {study.WedgeStepDays} days over teams {study.WedgeTeams}" : study.Method.ToString())}{(study.ClusterByTeam ? " by team" : "")}, seed {(ulong)seed}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(study);
    }

    /// <summary>The design as the allocation engine reads it.</summary>
    public static AllocationDesign AllocationOf(Study study) => new(
        study.Method,
        [.. study.Arms.OrderBy(a => a.Order).Select(a => new ArmWeight(a.Name, a.Weight))],
        (ulong)study.Seed,
        Split(study.StratifyBy),
        [.. Split(study.BlockMultiples).Select(int.Parse)],
        study.MinimisationProbability);

    internal static IReadOnlyList<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private FieldProblem? Check(StudyDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > FieldLengths.Name)
        {
            return new FieldProblem("Title", ProblemText.Get("Studies.TitleRequired", FieldLengths.Name));
        }
        if (draft.RegistrationId is { Length: > FieldLengths.Label })
        {
            return new FieldProblem("RegistrationId", ProblemText.Get("Studies.RegistrationTooLong", FieldLengths.Label));
        }
        if (draft.Hypotheses.Length > FieldLengths.LongText)
        {
            return new FieldProblem("Hypotheses", ProblemText.Get("Studies.HypothesesTooLong", FieldLengths.LongText));
        }
        if (draft.PrimaryOutcomes.Count == 0)
        {
            return new FieldProblem("PrimaryOutcomes", ProblemText.Get("Studies.PrimaryOutcomeRequired"));
        }
        foreach (var outcome in draft.PrimaryOutcomes.Concat(draft.SecondaryOutcomes))
        {
            if (outcome.Split('/') is not [var instrument, var score] || instruments.Find(instrument)?.Scores.Any(s => s.Id == score) != true)
            {
                return new FieldProblem("PrimaryOutcomes", ProblemText.Get("Studies.OutcomeNotAScore", outcome));
            }
        }
        var keys = draft.Criteria.Select(c => c.Key).ToList();
        foreach (var criterion in draft.Criteria)
        {
            if (string.IsNullOrWhiteSpace(criterion.Key) || criterion.Key.Length > FieldLengths.Id || string.IsNullOrWhiteSpace(criterion.Question) || criterion.Question.Length > FieldLengths.Link)
            {
                return new FieldProblem("Criteria", ProblemText.Get("Studies.CriterionIncomplete"));
            }
        }
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            return new FieldProblem("Criteria", ProblemText.Get("Studies.CriterionKeysDiffer"));
        }
        if (keys.FirstOrDefault(k => StudyEnrolment.ProfileFactors.Contains(k)) is { } reserved)
        {
            return new FieldProblem("Criteria", ProblemText.Get("Studies.CriterionKeyReserved", reserved));
        }
        if (draft.StratifyBy.FirstOrDefault(f => !keys.Contains(f) && !StudyEnrolment.ProfileFactors.Contains(f)) is { } unknown)
        {
            return new FieldProblem("StratifyBy", ProblemText.Get("Studies.StratifyUnknown", unknown));
        }
        if (draft.ClusterByTeam && draft.Method is not (AllocationMethod.Simple or AllocationMethod.PermutedBlocks))
        {
            return new FieldProblem("Method", ProblemText.Get("Studies.ClusterMethod"));
        }
        var allocation = new AllocationDesign(draft.Method, [.. draft.Arms.Select(a => new ArmWeight(a.Name, a.Weight))], 0, draft.StratifyBy);
        if (allocation.Problems() is [var first, ..])
        {
            return new FieldProblem(first.Field == "arms" ? "Arms" : "StratifyBy", first.Message);
        }
        foreach (var arm in draft.Arms)
        {
            if (string.IsNullOrWhiteSpace(arm.Name) || arm.Name.Length > FieldLengths.Name)
            {
                return new FieldProblem("Arms", ProblemText.Get("Studies.ArmNameRequired"));
            }
            // A stepped wedge's intervention may be an organisational change rather than a program.
            var programOptional = draft.Wedge is not null && arm.Kind == ArmKind.Active && arm.ProgramId is null;
            if (!programOptional && (arm.Kind == ArmKind.TreatmentAsUsual ? arm.ProgramId is not null : arm.ProgramId is null || programs.Find(arm.ProgramId) is null))
            {
                return new FieldProblem("Arms", arm.Kind == ArmKind.TreatmentAsUsual
                    ? ProblemText.Get("Studies.ArmTreatmentAsUsual", arm.Name)
                    : ProblemText.Get("Studies.ArmNeedsProgram", arm.Name));
            }
        }
        if (draft.Waves.Count == 0)
        {
            return new FieldProblem("Waves", ProblemText.Get("Studies.WaveRequired"));
        }
        foreach (var wave in draft.Waves)
        {
            if (wave.Problems() is [var p, ..])
            {
                return new FieldProblem("Waves", ProblemText.Get("Studies.WaveProblem", wave.Name, p.Message));
            }
            if (wave.Instruments.FirstOrDefault(i => instruments.Find(i) is null) is { } missing)
            {
                return new FieldProblem("Waves", ProblemText.Get("Studies.WaveNoQuestionnaire", wave.Name, missing));
            }
        }
        if (draft.Waves.Select(w => w.Name.Trim()).Distinct(StringComparer.Ordinal).Count() != draft.Waves.Count)
        {
            return new FieldProblem("Waves", ProblemText.Get("Studies.WaveNamesDiffer"));
        }
        if (Cohorts.CohortLimits.Zone(draft.TimeZone) is null)
        {
            return new FieldProblem("TimeZone", ProblemText.Get("TimeZone.Unknown", draft.TimeZone));
        }
        if (draft.PlannedProgramStartDays < 0 || draft.PlannedProgramEndDays <= draft.PlannedProgramStartDays || draft.PlannedProgramEndDays > 3650)
        {
            return new FieldProblem("PlannedProgramEndDays", ProblemText.Get("Studies.PlannedProgramEnd"));
        }
        return null;
    }

    /// <summary>The researcher's own studies, newest first, with how many have enrolled.</summary>
    public async Task<IReadOnlyList<(Study Study, int Enrolled)>> ListOwnAsync(string researcherId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Studies.RunBy(researcherId).AsNoTracking().OrderByDescending(s => s.CreatedAt)
            .Select(s => new { Study = s, Enrolled = db.StudyParticipants.Count(p => p.StudyId == s.Id && p.EnrolmentNumber != null) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Study, r.Enrolled))];
    }

    /// <summary>A researcher's own study with its design, or null (someone else's study is not found).</summary>
    public Task<Study?> FindOwnAsync(string researcherId, int studyId, CancellationToken cancellationToken = default) =>
        db.Studies.RunBy(researcherId).Where(s => s.Id == studyId)
            .Include(s => s.Arms).Include(s => s.Waves).Include(s => s.Criteria).Include(s => s.ConsentVersions).AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Publishes a new consent version; enrolled participants are asked again before their next wave.</summary>
    public async Task<Outcome<ConsentVersion>> PublishConsentAsync(string researcherId, int studyId, string text, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(researcherId, studyId, cancellationToken) is not { } study)
        {
            return Outcome.Missing;
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > FieldLengths.LongText)
        {
            return new FieldProblem("Text", ProblemText.Get("Studies.ConsentTextRequired", FieldLengths.LongText));
        }
        var version = new ConsentVersion { StudyId = studyId, Version = study.ConsentVersions.Count + 1, Text = text.Trim(), PublishedAt = clock.GetUtcNow() };
        db.ConsentVersions.Add(version);
        db.AddAudit(clock, researcherId, "study-consent-version", null, $"study {studyId}: consent version {version.Version}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(version);
    }

    /// <summary>
    /// Creates enrolment links for an invitation-only study. The tokens are shown once, to be sent by the
    /// researcher; only their hashes are kept, and each admits one person.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<string>>> CreateInvitationsAsync(string researcherId, int studyId, int count, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(researcherId, studyId, cancellationToken) is not { } study)
        {
            return Outcome.Missing;
        }
        if (!study.InvitationOnly)
        {
            return new FieldProblem("Count", ProblemText.Get("Studies.InvitationsNotNeeded"));
        }
        if (count is < 1 or > 500)
        {
            return new FieldProblem("Count", ProblemText.Get("Studies.InvitationCount"));
        }
        var tokens = Enumerable.Range(0, count).Select(_ => Security.SecretToken.New()).ToList();
        db.StudyInvitations.AddRange(tokens.Select(t => new StudyInvitation { StudyId = studyId, TokenHash = Security.TokenHash.Of(t), CreatedAt = clock.GetUtcNow() }));
        db.AddAudit(clock, researcherId, "study-invitations", null, $"study {studyId}: {count} enrolment links");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of<IReadOnlyList<string>>(tokens);
    }

    /// <summary>Opens recruitment: the design is frozen from here on. Needs a published consent text.</summary>
    public async Task<Outcome> OpenRecruitmentAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(researcherId, studyId, cancellationToken) is not { } study)
        {
            return Outcome.Missing;
        }
        if (study.Status != StudyStatus.Draft)
        {
            return new FieldProblem("Status", ProblemText.Get("Studies.AlreadyRecruiting"));
        }
        if (study.ConsentVersions.Count == 0)
        {
            return new FieldProblem("Consent", ProblemText.Get("Studies.ConsentBeforeRecruiting"));
        }
        study.Status = StudyStatus.Recruiting;
        study.RecruitingSince = clock.GetUtcNow();
        db.AddAudit(clock, researcherId, "study-open", null, $"study {studyId}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }
}
