using System.Security.Cryptography;
using Hearth.Content.Studies;
using Hearth.Core.Audit;
using Hearth.Core.Cohorts;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>What a participant learns when they enrol: their study id, and the arm they were allocated to.</summary>
public sealed record Enrolment(string Pseudonym, string Arm, ArmKind Kind, int? CohortId);

/// <summary>A participant as a researcher sees them: by pseudonym, never by name or address.</summary>
public sealed record PseudonymousParticipant(string Pseudonym, ParticipantStatus Status, string? Arm, DateTimeOffset? EnrolledAt, int? ConsentedVersion, string? ExclusionReason);

/// <summary>
/// Screening, consent, enrolment and allocation in one step, withdrawal, and what researchers see of
/// participants. Enrolments into one study are serialised (the study's row is locked, as joins to a
/// cohort are) so that the allocation replays every earlier enrolment in order: a decision depends only
/// on the seed and on who enrolled before, and the same history always gives the same arms.
/// </summary>
public sealed class StudyEnrolment(HearthDbContext db, CohortMembers cohorts, TimeProvider clock)
{
    public const string NotEligible = "not meeting inclusion criteria";
    public const string Declined = "declined to participate";

    /// <summary>A study open for recruitment, with its screening questions and consent versions, or null.</summary>
    public Task<Study?> RecruitingAsync(int studyId, CancellationToken cancellationToken = default) =>
        db.Studies.AsNoTracking().Where(s => s.Id == studyId && s.Status == StudyStatus.Recruiting)
            .Include(s => s.Criteria).Include(s => s.ConsentVersions).Include(s => s.Arms).AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Screens, records consent to the version in force and allocates. An ineligible person is recorded
    /// as assessed and excluded (the CONSORT flow counts them) and told so, with no allocation.
    /// </summary>
    public async Task<Outcome<Enrolment>> EnrolAsync(string userId, int studyId, IReadOnlyDictionary<string, bool> answers, int consentVersion, string? invitation = null, CancellationToken cancellationToken = default)
    {
        if (await RecruitingAsync(studyId, cancellationToken) is not { } study)
        {
            return Outcome.Missing;
        }
        if (study.InvitationOnly && !await SpendInvitationAsync(studyId, invitation, cancellationToken))
        {
            return new FieldProblem("Invitation", ProblemText.Get("Studies.InvitationInvalid"));
        }
        if (study.Criteria.FirstOrDefault(c => !answers.ContainsKey(c.Key)) is { } unanswered)
        {
            return new FieldProblem("Answers", ProblemText.Get("Studies.ScreeningUnanswered", unanswered.Question));
        }
        var latest = study.ConsentVersions.Max(c => c.Version);
        if (consentVersion != latest)
        {
            return new FieldProblem("Consent", ProblemText.Get("Studies.ReadAndSignConsent", latest));
        }
        if (await db.StudyParticipants.OwnedBy(userId).AnyAsync(p => p.StudyId == studyId, cancellationToken))
        {
            return new FieldProblem("Study", ProblemText.Get("Studies.ScreeningAlreadyAnswered"));
        }
        var failed = study.Criteria.Where(c => c.Required is { } required && answers[c.Key] != required).ToList();
        var record = new StudyParticipant
        {
            StudyId = studyId,
            UserId = userId,
            Pseudonym = NewPseudonym(),
            Answers = string.Join(",", [.. study.Criteria.OrderBy(c => c.Order).Select(c => $"{c.Key}={(answers[c.Key] ? "yes" : "no")}"),
                .. await ProfileAnswersAsync(userId, StudyDesigns.Split(study.StratifyBy), cancellationToken)]),
            ScreenedAt = clock.GetUtcNow(),
        };
        if (failed.Count > 0)
        {
            record.Status = ParticipantStatus.Excluded;
            record.ExclusionReason = NotEligible;
            db.StudyParticipants.Add(record);
            db.AddAudit(clock, userId, "study-screened-out", userId, $"study {studyId}: {string.Join(", ", failed.Select(c => c.Key))}");
            await db.SaveChangesAsync(cancellationToken);
            return new FieldProblem("Eligibility", ProblemText.Get("Studies.NotEligible"));
        }

        string? cluster = null;
        if (study.ClusterByTeam)
        {
            var team = await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).FirstOrDefaultAsync(cancellationToken);
            if (team is null)
            {
                return new FieldProblem("Team", ProblemText.Get("Studies.NoTeam"));
            }
            cluster = team.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (study.IsWedge() && !StudyWedge.Teams(study).Contains(cluster))
            {
                return new FieldProblem("Team", ProblemText.Get("Studies.TeamNotTakingPart"));
            }
        }

        Enrolment enrolment;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The study's row lock (PostgreSQL) or the write lock (SQLite): one enrolment at a time.
            await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Seed, s => s.Seed), cancellationToken);
            var earlier = await db.StudyParticipants.AsNoTracking()
                .Where(p => p.StudyId == studyId && p.EnrolmentNumber != null).OrderBy(p => p.EnrolmentNumber)
                .Select(p => new { p.Pseudonym, p.Answers, p.Cluster, p.ArmId }).ToListAsync(cancellationToken);
            var design = StudyDesigns.AllocationOf(study);
            StudyArm arm;
            string stratum;
            if (cluster is null)
            {
                var allocator = Allocator.Replay(design, earlier.Select(e => Subject(e.Pseudonym, e.Answers)));
                var decision = allocator.Allocate(Subject(record.Pseudonym, record.Answers));
                arm = study.Arms.Single(a => a.Name == decision.Arm);
                stratum = decision.Stratum;
            }
            else if (study.IsWedge())
            {
                // The team's condition now; it changes at its step, so the analysis reads it per wave.
                arm = StudyWedge.ArmAt(study, cluster, clock.GetUtcNow());
                stratum = $"team={cluster}";
            }
            else if (earlier.FirstOrDefault(e => e.Cluster == cluster) is { } teammate)
            {
                // The team was allocated when its first member enrolled: everyone in it follows that arm.
                arm = study.Arms.Single(a => a.Id == teammate.ArmId);
                stratum = $"team={cluster}";
            }
            else
            {
                // A new team: the teams are the units, replayed in the order they first enrolled.
                var teams = earlier.Select(e => e.Cluster!).Distinct(StringComparer.Ordinal).Select(t => new AllocationSubject(t, new Dictionary<string, string>()));
                var decision = Allocator.Replay(design with { StratifyBy = [] }, teams).Allocate(new AllocationSubject(cluster, new Dictionary<string, string>()));
                arm = study.Arms.Single(a => a.Name == decision.Arm);
                stratum = $"team={cluster}";
            }
            record.Status = ParticipantStatus.Enrolled;
            record.ArmId = arm.Id;
            record.EnrolmentNumber = earlier.Count;
            record.Stratum = stratum;
            record.Cluster = cluster;
            record.EnrolledAt = clock.GetUtcNow();
            record.ConsentedVersion = consentVersion;
            record.ConsentedAt = clock.GetUtcNow();
            record.CohortId = arm.Kind == ArmKind.Active ? arm.CohortId : null;
            db.StudyParticipants.Add(record);
            db.AddAudit(clock, userId, "study-consent", userId, $"study {studyId}: {record.Pseudonym} signed consent version {consentVersion}");
            db.AddAudit(clock, userId, "study-allocate", userId, $"study {studyId}: {record.Pseudonym} enrolled as number {earlier.Count + 1}, allocated to {arm.Name}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            enrolment = new Enrolment(record.Pseudonym, arm.Name, arm.Kind, arm.Kind == ArmKind.Active ? arm.CohortId : null);
        }
        // Allocation places the participant in their arm's cohort; a full cohort leaves the facilitator to make room.
        if (enrolment.CohortId is { } cohortId && await cohorts.JoinByInvitationAsync(cohortId, userId, cancellationToken) is { Done: true })
        {
            await db.StudyParticipants.Where(p => p.Id == record.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ProgramPlacedAt, clock.GetUtcNow()), cancellationToken);
        }
        return Outcome.Of(enrolment);
    }

    /// <summary>Whether an invitation link is good for this study and unused; a good one is spent by this call.</summary>
    private async Task<bool> SpendInvitationAsync(int studyId, string? invitation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(invitation))
        {
            return false;
        }
        var hash = Security.TokenHash.Of(invitation);
        var now = clock.GetUtcNow();
        return await db.StudyInvitations.Where(i => i.StudyId == studyId && i.TokenHash == hash && i.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedAt, now), cancellationToken) == 1;
    }

    /// <summary>Whether a link may open an invitation-only study's page (checked, not spent).</summary>
    public Task<bool> InvitationIsOpenAsync(int studyId, string? invitation, CancellationToken cancellationToken = default)
    {
        var hash = string.IsNullOrEmpty(invitation) ? "" : Security.TokenHash.Of(invitation);
        return db.StudyInvitations.AnyAsync(i => i.StudyId == studyId && i.TokenHash == hash && i.UsedAt == null, cancellationToken);
    }

    /// <summary>Someone who read the study and chose not to take part: counted as assessed and excluded, nothing else kept.</summary>
    public async Task<Outcome> DeclineAsync(string userId, int studyId, CancellationToken cancellationToken = default)
    {
        if (await RecruitingAsync(studyId, cancellationToken) is null)
        {
            return Outcome.Missing;
        }
        if (await db.StudyParticipants.OwnedBy(userId).AnyAsync(p => p.StudyId == studyId, cancellationToken))
        {
            return new FieldProblem("Study", ProblemText.Get("Studies.AlreadyAnswered"));
        }
        db.StudyParticipants.Add(new StudyParticipant
        {
            StudyId = studyId, UserId = userId, Pseudonym = NewPseudonym(), Status = ParticipantStatus.Excluded,
            ExclusionReason = Declined, ScreenedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>
    /// Withdraws from a study. With <paramref name="keepData"/> the answers collected so far stay in the
    /// analysis; without it the person is left out of every analysis. The enrolment record and its
    /// screening answers stay either way: later allocations replay the whole history in order, and the
    /// CONSORT flow must still count the person as allocated.
    /// </summary>
    public async Task<Outcome> WithdrawAsync(string userId, int studyId, bool keepData, CancellationToken cancellationToken = default)
    {
        if (await EnrolledRecordAsync(userId, studyId, cancellationToken) is not { } record)
        {
            return Outcome.Missing;
        }
        record.Status = ParticipantStatus.Withdrawn;
        record.WithdrawnAt = clock.GetUtcNow();
        record.WithdrawalKeepsData = keepData;
        db.AddAudit(clock, userId, "study-withdraw", userId, $"study {studyId}: {record.Pseudonym} withdrew, {(keepData ? "keeping" : "deleting")} the data collected so far");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Signs a newer consent version (a participant asked again after the text changed).</summary>
    public async Task<Outcome> ReconsentAsync(string userId, int studyId, int version, CancellationToken cancellationToken = default)
    {
        if (await EnrolledRecordAsync(userId, studyId, cancellationToken) is not { } record)
        {
            return Outcome.Missing;
        }
        var latest = await db.ConsentVersions.Where(c => c.StudyId == studyId).MaxAsync(c => c.Version, cancellationToken);
        if (version != latest)
        {
            return new FieldProblem("Consent", ProblemText.Get("Studies.SignConsent", latest));
        }
        record.ConsentedVersion = version;
        record.ConsentedAt = clock.GetUtcNow();
        db.AddAudit(clock, userId, "study-consent", userId, $"study {studyId}: {record.Pseudonym} signed consent version {version}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>The researcher's view of their study's participants: pseudonyms, never identities.</summary>
    public async Task<IReadOnlyList<PseudonymousParticipant>> ParticipantsAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        var arms = await db.StudyArms.Where(a => a.StudyId == studyId && db.Studies.RunBy(researcherId).Any(s => s.Id == studyId))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var rows = await db.StudyParticipants.AsNoTracking()
            .Where(p => p.StudyId == studyId && db.Studies.RunBy(researcherId).Any(s => s.Id == studyId))
            .OrderBy(p => p.ScreenedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Pseudonym, p.Status, p.ArmId, p.EnrolledAt, p.ConsentedVersion, p.ExclusionReason })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PseudonymousParticipant(r.Pseudonym, r.Status, r.ArmId is { } id ? arms[id] : null, r.EnrolledAt, r.ConsentedVersion, r.ExclusionReason))];
    }

    /// <summary>The study's CONSORT flow as it stands, for its researcher (null for someone else's study).</summary>
    public async Task<ConsortFlow?> ConsortAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        var arms = await db.StudyArms.Where(a => a.StudyId == studyId && db.Studies.RunBy(researcherId).Any(s => s.Id == studyId))
            .OrderBy(a => a.Order).ToListAsync(cancellationToken);
        if (arms.Count == 0)
        {
            return null;
        }
        var rows = await db.StudyParticipants.AsNoTracking().Where(p => p.StudyId == studyId).ToListAsync(cancellationToken);
        var names = arms.ToDictionary(a => a.Id, a => a.Name);
        var study = await db.Studies.AsNoTracking().SingleAsync(s => s.Id == studyId, cancellationToken);
        IReadOnlyList<string> groups = [.. arms.Select(a => a.Name)];
        Func<StudyParticipant, string> group = p => names[p.ArmId!.Value];
        if (study.IsWedge())
        {
            // A stepped wedge's CONSORT groups are its sequences, the teams crossing at the same step (CONSORT extension for stepped-wedge trials).
            var schedule = StudyWedge.Schedule(study);
            groups = [.. Enumerable.Range(1, study.WedgeSteps).Select(StudyWedge.Sequence)];
            group = p => StudyWedge.Sequence(schedule.Crossing[p.Cluster!]);
        }
        return ConsortFlow.From([.. rows.Select(p => p.ArmId is not { } armId
            ? new ConsortParticipant(null, ExclusionReason: p.ExclusionReason)
            : new ConsortParticipant(group(p),
                Discontinued: p.Status == ParticipantStatus.Withdrawn,
                DiscontinuedReason: p.Status == ParticipantStatus.Withdrawn ? "withdrew" : null,
                Analysed: p.WithdrawalKeepsData != false,
                NotAnalysedReason: p.WithdrawalKeepsData == false ? "withdrew and asked for their data to be deleted" : null,
                Cluster: p.Cluster))],
            groups);
    }

    /// <summary>The person's own record in a study while they are enrolled (not excluded, not withdrawn), or null.</summary>
    private Task<StudyParticipant?> EnrolledRecordAsync(string userId, int studyId, CancellationToken cancellationToken) =>
        db.StudyParticipants.OwnedBy(userId).FirstOrDefaultAsync(p => p.StudyId == studyId && p.Status == ParticipantStatus.Enrolled, cancellationToken);

    /// <summary>The person-record factors a study can stratify or minimise by, besides its screening answers.</summary>
    public static readonly IReadOnlySet<string> ProfileFactors = new HashSet<string>(["profession", "site"], StringComparer.Ordinal);

    /// <summary>
    /// The profession and site the study stratifies by, read from the person's record when they enrol and
    /// kept with their screening answers, so replaying the allocation later gives the same strata even if
    /// the record changes. An unrecorded value is a stratum of its own.
    /// </summary>
    private async Task<IEnumerable<string>> ProfileAnswersAsync(string userId, IReadOnlyList<string> stratifyBy, CancellationToken cancellationToken)
    {
        var wanted = stratifyBy.Where(ProfileFactors.Contains).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Profession, u.Site }).SingleAsync(cancellationToken);
        return wanted.Select(f => $"{f}={(f == "profession" ? person.Profession : person.Site) ?? NotRecorded}");
    }

    private const string NotRecorded = "not recorded";

    private static AllocationSubject Subject(string pseudonym, string answers) =>
        new(pseudonym, StudyDesigns.Split(answers).Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1], StringComparer.Ordinal));

    /// <summary>A study id such as <c>P-7KQ2MX</c>: random, so it says nothing about the person or their order of enrolment.</summary>
    private static string NewPseudonym()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: read aloud and copied without mistakes
        Span<char> chars = stackalloc char[8];
        var bytes = RandomNumberGenerator.GetBytes(chars.Length);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[bytes[i] % alphabet.Length];
        }
        return "P-" + new string(chars);
    }
}
