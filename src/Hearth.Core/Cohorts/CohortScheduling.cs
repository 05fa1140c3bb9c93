using Hearth.Content;
using Hearth.Content.Groups;
using Hearth.Content.Programs;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public sealed record NewCohort(
    string ProgramId, string Name, DateOnly FirstDate, TimeOnly Time, string TimeZone,
    string? Place, string? VideoLink, int Capacity, int? Meetings = null, string? Language = null);

/// <summary>
/// Starting cohorts and keeping their schedule and details: what a facilitator plans before and between
/// meetings, and a person starting a self-guided program alone. Every method on an existing cohort takes
/// the acting facilitator and finds only cohorts they lead (others are "not found").
/// </summary>
public sealed class CohortScheduling(HearthDbContext db, ProgramCatalog programs, TimeProvider clock)
{
    public async Task<Outcome<Cohort>> StartAsync(string facilitatorId, NewCohort request, CancellationToken cancellationToken = default)
    {
        if (programs.Find(request.ProgramId) is not { } program)
        {
            return NoProgram(request.ProgramId);
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > FieldLengths.Name)
        {
            return new FieldProblem("Name", ProblemText.Get("Cohorts.NameRequired", FieldLengths.Name));
        }
        if (CohortLimits.Zone(request.TimeZone) is not { } zone)
        {
            return CohortLimits.NoSuchZone(request.TimeZone);
        }
        var meetings = MeetingsOf(program, request.Meetings);
        var problem = CohortLimits.CheckDate(request.FirstDate, "FirstDate", clock)
            ?? CohortLimits.CheckPlace(request.Place)
            ?? (request.Capacity is < 1 or > CohortLimits.MaxCapacity ? new FieldProblem("Capacity", ProblemText.Get("Cohorts.CapacityRange", CohortLimits.MaxCapacity)) : null)
            ?? CohortLimits.CheckLink(request.VideoLink)
            ?? (meetings is < 1 or > CohortLimits.MaxMeetings ? new FieldProblem("Meetings", ProblemText.Get("Cohorts.MeetingsRange", CohortLimits.MaxMeetings)) : null)
            ?? CheckLanguage(program, request.Language);
        if (problem is not null)
        {
            return problem;
        }
        var cohort = new Cohort
        {
            ProgramId = program.Id,
            ProgramVersion = program.Version,
            Name = request.Name.Trim(),
            FacilitatorId = facilitatorId,
            TimeZone = request.TimeZone,
            Place = CohortLimits.Blank(request.Place),
            VideoLink = CohortLimits.Blank(request.VideoLink),
            Capacity = request.Capacity,
            Language = LanguageFor(program, request.Language),
            CreatedAt = clock.GetUtcNow(),
            Sessions = Schedule(program, request.FirstDate, request.Time, zone, meetings),
        };
        db.Cohorts.Add(cohort);
        db.AddAudit(clock, facilitatorId, "cohort-start", null, $"{program.Id}: {cohort.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of<Cohort>(cohort);
    }

    /// <summary>
    /// Starts a self-guided program for one person on their own: their own schedule, no facilitator
    /// and nobody else in it. One run of a program at a time.
    /// </summary>
    /// <param name="language">The person's language: the run uses the program's translation into it where there is one.</param>
    public async Task<Outcome<Cohort>> StartSelfGuidedAsync(string userId, string programId, DateOnly firstDate, TimeOnly time, string timeZone,
        string? language = null, CancellationToken cancellationToken = default)
    {
        if (programs.Find(programId) is not { } program)
        {
            return NoProgram(programId);
        }
        if (program.Format != ProgramFormat.SelfGuided)
        {
            return new FieldProblem("ProgramId", ProblemText.Get("Cohorts.FacilitatedProgram", program.Title));
        }
        if (CohortLimits.Zone(timeZone) is not { } zone)
        {
            return CohortLimits.NoSuchZone(timeZone);
        }
        if (CohortLimits.CheckDate(firstDate, "FirstDate", clock) is { } problem)
        {
            return problem;
        }
        var already = new FieldProblem("ProgramId", ProblemText.Get("Cohorts.AlreadyFollowing", program.Title));
        if (await db.Cohorts.AnyAsync(c => c.OwnerId == userId && c.ProgramId == programId, cancellationToken))
        {
            return already;
        }
        var cohort = new Cohort
        {
            ProgramId = program.Id,
            ProgramVersion = program.Version,
            Name = program.Title,
            FacilitatorId = null,
            SelfGuided = true,
            OwnerId = userId,
            TimeZone = timeZone,
            Capacity = 1,
            Language = language is not null && program.Offers(language) ? LanguageFor(program, language) : null,
            CreatedAt = clock.GetUtcNow(),
            Sessions = Schedule(program, firstDate, time, zone, MeetingsOf(program, null)),
            Participants = [new CohortParticipant { UserId = userId, JoinedAt = clock.GetUtcNow() }],
        };
        db.Cohorts.Add(cohort);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IdempotentSave.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return already; // started twice at once (two tabs): the unique index kept one
        }
        return Outcome.Of<Cohort>(cohort);
    }

    /// <summary>The facilitator's own cohort with its sessions and participants, or null.</summary>
    public Task<Cohort?> FindLedAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken = default) =>
        db.LoadLedAsync(facilitatorId, cohortId, cancellationToken);

    public async Task<IReadOnlyList<Cohort>> ListLedAsync(string facilitatorId, CancellationToken cancellationToken = default) =>
        await db.Cohorts.LedBy(facilitatorId).AsNoTracking().Include(c => c.Sessions).Include(c => c.Participants).AsSplitQuery()
            .OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Moves one session to a new local date and time in the cohort's zone (DST-correct); the others stay.</summary>
    public async Task<Outcome> RescheduleAsync(string facilitatorId, int cohortId, int number, DateOnly date, TimeOnly time, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (cohort.SessionNumbered(number) is not { } session)
        {
            return CohortQueries.NoSession(number);
        }
        if (CohortLimits.CheckDate(date, "Number", clock) is { } problem)
        {
            return problem;
        }
        if (CohortLimits.Zone(cohort.TimeZone) is not { } zone)
        {
            return CohortLimits.NoSuchZone(cohort.TimeZone);
        }
        session.StartsAt = SessionSchedule.ToInstant(date.ToDateTime(time), zone).ToUniversalTime();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Adds meetings after the last one, following the cadence (ongoing programs).</summary>
    public async Task<Outcome> AddMeetingsAsync(string facilitatorId, int cohortId, int count, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (ProgramOf(cohort) is not { } program)
        {
            return ProgramGone(cohort.ProgramId);
        }
        if (!program.Cadence.Ongoing)
        {
            return new FieldProblem("Count", ProblemText.Get("Cohorts.FixedSessions"));
        }
        if (count is < 1 or > CohortLimits.MaxMeetingsAddedAtOnce || cohort.Sessions.Count + count > CohortLimits.MaxMeetings)
        {
            return new FieldProblem("Count", ProblemText.Get("Cohorts.AddMeetingsRange", CohortLimits.MaxMeetingsAddedAtOnce, CohortLimits.MaxMeetings));
        }
        if (CohortLimits.Zone(cohort.TimeZone) is not { } zone)
        {
            return CohortLimits.NoSuchZone(cohort.TimeZone);
        }
        // New meetings follow the last one's date at the cohort's usual time (the first meeting's local
        // time), so one meeting moved by hand does not move all that follow.
        var last = cohort.Sessions.OrderBy(s => s.Number).Last();
        var lastLocal = TimeZoneInfo.ConvertTime(last.StartsAt, zone);
        var usualTime = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(cohort.Sessions.OrderBy(s => s.Number).First().StartsAt, zone).DateTime);
        var times = SessionSchedule.Generate(DateOnly.FromDateTime(lastLocal.DateTime).AddDays(program.Cadence.IntervalDays), usualTime, zone, program.Cadence.IntervalDays, count);
        foreach (var (t, i) in times.Select((t, i) => (t, i)))
        {
            cohort.Sessions.Add(new CohortSession { Number = last.Number + i + 1, StartsAt = t.ToUniversalTime(), Minutes = last.Minutes });
        }
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    public async Task<Outcome> UpdateDetailsAsync(string facilitatorId, int cohortId, string? place, string? videoLink, int capacity, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        var problem = CohortLimits.CheckLink(videoLink) ?? CohortLimits.CheckPlace(place)
            ?? (capacity < cohort.Participants.Count || capacity > CohortLimits.MaxCapacity
                ? new FieldProblem("Capacity", ProblemText.Get("Cohorts.CapacityBelowParticipants", cohort.Participants.Count, CohortLimits.MaxCapacity))
                : null);
        if (problem is not null)
        {
            return problem;
        }
        cohort.Place = CohortLimits.Blank(place);
        cohort.VideoLink = CohortLimits.Blank(videoLink);
        cohort.Capacity = capacity;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>
    /// Runs the cohort's sessions in another of its program's languages. Only the words change: the
    /// schedule, attendance and ticked homework stay, because every translation keeps the original's shape.
    /// </summary>
    public async Task<Outcome> ChooseLanguageAsync(string facilitatorId, int cohortId, string language, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (programs.Find(cohort.ProgramId) is not { } program)
        {
            return ProgramGone(cohort.ProgramId);
        }
        if (CheckLanguage(program, language) is { } problem)
        {
            return problem;
        }
        cohort.Language = LanguageFor(program, language);
        db.AddAudit(clock, facilitatorId, "cohort-language", null, $"{cohort.Id}: {language}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    private static FieldProblem? CheckLanguage(ProgramDefinition program, string? language) =>
        language is null || program.Offers(language)
            ? null
            : new FieldProblem("Language", ProblemText.Get("Cohorts.LanguageUnavailable", program.Title, string.Join(", ", program.Languages), language));

    /// <summary>What a cohort stores for a language: null for the program's own, else the translation's own spelling of the tag.</summary>
    private static string? LanguageFor(ProgramDefinition program, string? language) => program.In(language)?.Language;

    /// <summary>The program a cohort runs, or null when its files were taken away underneath it.</summary>
    public ProgramDefinition? ProgramOf(Cohort cohort) => programs.Find(cohort.ProgramId);

    public static FieldProblem NoProgram(string programId) => new("ProgramId", ProblemText.Get("Cohorts.NoProgram", programId));

    /// <summary>A running cohort's program whose files were removed: the administrator must upload it again.</summary>
    public static FieldProblem ProgramGone(string programId) => new("ProgramId", ProblemText.Get("Cohorts.ProgramGone", programId));

    /// <summary>How many meetings to schedule: all of a fixed program's, or a first block of an ongoing one's.</summary>
    private static int MeetingsOf(ProgramDefinition program, int? requested) =>
        program.Cadence.Ongoing ? requested ?? ProgramSessions.DefaultOngoingMeetings : program.Cadence.Sessions ?? program.Sessions.Count;

    /// <summary>Meetings 1…<paramref name="count"/> at the cadence, at the same local time in the zone (DST-correct).</summary>
    private static List<CohortSession> Schedule(ProgramDefinition program, DateOnly firstDate, TimeOnly time, TimeZoneInfo zone, int count) =>
        [.. SessionSchedule.Generate(firstDate, time, zone, program.Cadence.IntervalDays, count)
            .Select((t, i) => new CohortSession { Number = i + 1, StartsAt = t.ToUniversalTime(), Minutes = program.Cadence.SessionMinutes })];
}
