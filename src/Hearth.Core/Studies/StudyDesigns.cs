using System.Security.Cryptography;
using Hearth.Content;
using Hearth.Content.Instruments;
using Hearth.Content.Programs;
using Hearth.Content.Studies;
using Hearth.Core.Audit;
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
                return new FieldProblem("WedgeTeams", "one of the teams in the wedge does not exist");
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
            return new FieldProblem("Title", $"give the study a title (up to {FieldLengths.Name} characters)");
        }
        if (draft.RegistrationId is { Length: > FieldLengths.Label })
        {
            return new FieldProblem("RegistrationId", $"the registration id can be at most {FieldLengths.Label} characters");
        }
        if (draft.Hypotheses.Length > FieldLengths.LongText)
        {
            return new FieldProblem("Hypotheses", $"the hypotheses can be at most {FieldLengths.LongText} characters");
        }
        if (draft.PrimaryOutcomes.Count == 0)
        {
            return new FieldProblem("PrimaryOutcomes", "name at least one primary outcome (a questionnaire score)");
        }
        foreach (var outcome in draft.PrimaryOutcomes.Concat(draft.SecondaryOutcomes))
        {
            if (outcome.Split('/') is not [var instrument, var score] || instruments.Find(instrument)?.Scores.Any(s => s.Id == score) != true)
            {
                return new FieldProblem("PrimaryOutcomes", $"'{outcome}' is not a questionnaire score (write instrument/score, e.g. who-5/total)");
            }
        }
        var keys = draft.Criteria.Select(c => c.Key).ToList();
        foreach (var criterion in draft.Criteria)
        {
            if (string.IsNullOrWhiteSpace(criterion.Key) || criterion.Key.Length > FieldLengths.Id || string.IsNullOrWhiteSpace(criterion.Question) || criterion.Question.Length > FieldLengths.Link)
            {
                return new FieldProblem("Criteria", "each screening question needs a short key and a question");
            }
        }
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            return new FieldProblem("Criteria", "screening question keys must differ");
        }
        if (keys.FirstOrDefault(k => StudyEnrolment.ProfileFactors.Contains(k)) is { } reserved)
        {
            return new FieldProblem("Criteria", $"'{reserved}' is taken from each person's record; give the screening question another key");
        }
        if (draft.StratifyBy.FirstOrDefault(f => !keys.Contains(f) && !StudyEnrolment.ProfileFactors.Contains(f)) is { } unknown)
        {
            return new FieldProblem("StratifyBy", $"'{unknown}' is neither a screening question nor {string.Join(" or ", StudyEnrolment.ProfileFactors)}, which are what allocation can stratify by");
        }
        if (draft.ClusterByTeam && draft.Method is not (AllocationMethod.Simple or AllocationMethod.PermutedBlocks))
        {
            return new FieldProblem("Method", "a cluster trial allocates whole teams by simple randomisation or permuted blocks");
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
                return new FieldProblem("Arms", "every arm needs a name");
            }
            // A stepped wedge's intervention may be an organisational change rather than a program.
            var programOptional = draft.Wedge is not null && arm.Kind == ArmKind.Active && arm.ProgramId is null;
            if (!programOptional && (arm.Kind == ArmKind.TreatmentAsUsual ? arm.ProgramId is not null : arm.ProgramId is null || programs.Find(arm.ProgramId) is null))
            {
                return new FieldProblem("Arms", arm.Kind == ArmKind.TreatmentAsUsual
                    ? $"the arm '{arm.Name}' is treatment as usual and runs no program"
                    : $"the arm '{arm.Name}' needs one of the library's programs (a waitlist gets it after its last wave)");
            }
        }
        if (draft.Waves.Count == 0)
        {
            return new FieldProblem("Waves", "plan at least one measurement wave");
        }
        foreach (var wave in draft.Waves)
        {
            if (wave.Problems() is [var p, ..])
            {
                return new FieldProblem("Waves", $"wave '{wave.Name}': {p.Message}");
            }
            if (wave.Instruments.FirstOrDefault(i => instruments.Find(i) is null) is { } missing)
            {
                return new FieldProblem("Waves", $"wave '{wave.Name}': there is no questionnaire '{missing}'");
            }
        }
        if (draft.Waves.Select(w => w.Name.Trim()).Distinct(StringComparer.Ordinal).Count() != draft.Waves.Count)
        {
            return new FieldProblem("Waves", "wave names must differ");
        }
        if (Cohorts.CohortLimits.Zone(draft.TimeZone) is null)
        {
            return new FieldProblem("TimeZone", $"'{draft.TimeZone}' is not a time zone (use an IANA name such as Europe/London)");
        }
        if (draft.PlannedProgramStartDays < 0 || draft.PlannedProgramEndDays <= draft.PlannedProgramStartDays || draft.PlannedProgramEndDays > 3650)
        {
            return new FieldProblem("PlannedProgramEndDays", "the planned program ends after it starts, within ten years of enrolment");
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
            return new FieldProblem("Text", $"write the consent text (up to {FieldLengths.LongText} characters)");
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
            return new FieldProblem("Count", "this study is open to anyone with its enrolment link; invitations are for invitation-only studies");
        }
        if (count is < 1 or > 500)
        {
            return new FieldProblem("Count", "create between 1 and 500 links at a time");
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
            return new FieldProblem("Status", "recruitment is already open or the study is closed");
        }
        if (study.ConsentVersions.Count == 0)
        {
            return new FieldProblem("Consent", "publish the consent text before recruiting");
        }
        study.Status = StudyStatus.Recruiting;
        study.RecruitingSince = clock.GetUtcNow();
        db.AddAudit(clock, researcherId, "study-open", null, $"study {studyId}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }
}
