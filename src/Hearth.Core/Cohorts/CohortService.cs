using Hearth.Content;
using Hearth.Content.Groups;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Content.Programs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public sealed record NewCohort(
    string ProgramId, string Name, DateOnly FirstDate, TimeOnly Time, string TimeZone,
    string? Place, string? VideoLink, int Capacity, int? Meetings = null);

/// <summary>
/// What a facilitator does with a cohort: start it, edit its schedule, manage who is in it, record
/// attendance, keep private notes and run the pairing or case rota. Every method takes the acting
/// facilitator and works only on that person's own cohorts (others get "not found").
/// </summary>
public sealed class CohortService(HearthDbContext db, ProgramCatalog programs, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxCapacity = 200;
    public const int MaxNotesLength = 20_000;

    // Notes belong to the facilitator who wrote them: the key's purpose names both cohort and facilitator,
    // so a facilitator a cohort is handed to cannot read their predecessor's notes.
    private IDataProtector NotesProtector(int cohortId, string facilitatorId) =>
        protection.CreateProtector("Hearth.CohortNotes.v1", cohortId.ToString(System.Globalization.CultureInfo.InvariantCulture), facilitatorId);

    /// <summary>Session dates Hearth accepts: from a year back to five years ahead.</summary>
    private void CheckDate(DateOnly date, string field)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (date < today.AddYears(-1) || date > today.AddYears(5))
        {
            throw new CohortRuleException(field, "choose a date between a year ago and five years ahead");
        }
    }

    public async Task<Cohort> StartAsync(string facilitatorId, NewCohort request, CancellationToken cancellationToken = default)
    {
        var program = programs.Find(request.ProgramId) ?? throw new CohortRuleException("ProgramId", $"there is no program '{request.ProgramId}'");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > FieldLengths.Name)
        {
            throw new CohortRuleException("Name", $"give the cohort a name (up to {FieldLengths.Name} characters)");
        }
        var zone = FindZone(request.TimeZone);
        CheckDate(request.FirstDate, "FirstDate");
        CheckPlace(request.Place);
        if (request.Capacity is < 1 or > MaxCapacity)
        {
            throw new CohortRuleException("Capacity", $"capacity must be between 1 and {MaxCapacity}");
        }
        CheckLink(request.VideoLink);
        var meetings = MeetingsOf(program, request.Meetings);
        if (meetings is < 1 or > 200)
        {
            throw new CohortRuleException("Meetings", "schedule between 1 and 200 meetings");
        }
        var cohort = new Cohort
        {
            ProgramId = program.Id,
            ProgramVersion = program.Version,
            Name = request.Name.Trim(),
            FacilitatorId = facilitatorId,
            TimeZone = request.TimeZone,
            Place = Blank(request.Place),
            VideoLink = Blank(request.VideoLink),
            Capacity = request.Capacity,
            CreatedAt = clock.GetUtcNow(),
            Sessions = Schedule(program, request.FirstDate, request.Time, zone, meetings),
        };
        db.Cohorts.Add(cohort);
        Audit(facilitatorId, "cohort-start", null, $"{program.Id}: {cohort.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return cohort;
    }

    /// <summary>What facilitators do to cohorts is audited with the change itself (same save, same transaction).</summary>
    private void Audit(string? actorId, string action, string? subjectUserId, string details) =>
        db.AuditEntries.Add(new Organisations.AuditEntry { At = clock.GetUtcNow(), ActorId = actorId, Action = action, SubjectUserId = subjectUserId, Details = details });

    /// <summary>
    /// Starts a self-guided program for one person on their own: their own schedule, no facilitator
    /// and nobody else in it. One run of a program at a time.
    /// </summary>
    public async Task<Cohort> StartSelfGuidedAsync(string userId, string programId, DateOnly firstDate, TimeOnly time, string timeZone, CancellationToken cancellationToken = default)
    {
        var program = programs.Find(programId) ?? throw new CohortRuleException("ProgramId", $"there is no program '{programId}'");
        if (program.Format != "self-guided")
        {
            throw new CohortRuleException("ProgramId", $"{program.Title} is run by a facilitator; ask one to add you to a group");
        }
        var zone = FindZone(timeZone);
        CheckDate(firstDate, "FirstDate");
        var already = new CohortRuleException("ProgramId", $"you are already following {program.Title}; find it under My program");
        if (await db.Cohorts.AnyAsync(c => c.OwnerId == userId && c.ProgramId == programId, cancellationToken))
        {
            throw already;
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
            throw already; // started twice at once (two tabs): the unique index kept one
        }
        return cohort;
    }

    /// <summary>How many meetings to schedule: all of a fixed program's, or a first block of an ongoing one's.</summary>
    private static int MeetingsOf(ProgramDefinition program, int? requested) =>
        program.Cadence.Ongoing ? requested ?? ProgramSessions.DefaultOngoingMeetings : program.Cadence.Sessions ?? program.Sessions.Count;

    /// <summary>Meetings 1…<paramref name="count"/> at the cadence, at the same local time in the zone (DST-correct).</summary>
    private static List<CohortSession> Schedule(ProgramDefinition program, DateOnly firstDate, TimeOnly time, TimeZoneInfo zone, int count) =>
        [.. SessionSchedule.Generate(firstDate, time, zone, program.Cadence.IntervalDays, count)
            .Select((t, i) => new CohortSession { Number = i + 1, StartsAt = t.ToUniversalTime(), Minutes = program.Cadence.SessionMinutes })];

    public static TimeZoneInfo FindZone(string id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone
            : throw new CohortRuleException("TimeZone", $"'{id}' is not a time zone (use an IANA name such as Europe/London)");

    /// <summary>The facilitator's own cohort with its sessions and participants, or null.</summary>
    public Task<Cohort?> FindOwnAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken = default) =>
        db.Cohorts.Include(c => c.Sessions.OrderBy(s => s.Number)).Include(c => c.Participants.OrderBy(p => p.Id))
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == cohortId && c.FacilitatorId == facilitatorId, cancellationToken);

    /// <summary>Whether the cohort is the facilitator's own: the check alone, without loading it.</summary>
    public Task<bool> OwnsAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken = default) =>
        db.Cohorts.AnyAsync(c => c.Id == cohortId && c.FacilitatorId == facilitatorId, cancellationToken);

    public async Task<IReadOnlyList<Cohort>> ListOwnAsync(string facilitatorId, CancellationToken cancellationToken = default) =>
        await db.Cohorts.AsNoTracking().Include(c => c.Sessions).Include(c => c.Participants).AsSplitQuery()
            .Where(c => c.FacilitatorId == facilitatorId).OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);

    public sealed record CohortSummary(int Id, string Name, string ProgramId, string? FacilitatorId, string? FacilitatorName, int Participants);

    /// <summary>For administrators: every cohort's name, program, facilitator and size, and nothing about its members.</summary>
    public async Task<IReadOnlyList<CohortSummary>> SummariesAsync(CancellationToken cancellationToken = default) =>
        await db.Cohorts.AsNoTracking().Where(c => !c.SelfGuided).OrderBy(c => c.Name)
            .Select(c => new CohortSummary(c.Id, c.Name, c.ProgramId, c.FacilitatorId,
                db.Users.Where(u => u.Id == c.FacilitatorId).Select(u => u.DisplayName).FirstOrDefault(), c.Participants.Count))
            .ToListAsync(cancellationToken);

    /// <summary>Ids of the programs that cohorts run (whose shape an upload must keep).</summary>
    public async Task<IReadOnlySet<string>> ProgramsInUseAsync(CancellationToken cancellationToken = default) =>
        (await db.Cohorts.AsNoTracking().Select(c => c.ProgramId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Active people holding the facilitator role, who can lead a cohort.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> FacilitatorsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Facilitator && u.Active
                          orderby u.DisplayName
                          select new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.DisplayName))];
    }

    /// <summary>
    /// An administrator hands a cohort to another facilitator (its own left, or its facilitator's account
    /// was deleted). What was shared with, or written by, the previous facilitator does not pass on:
    /// shared reflections are withdrawn (participants can share again) and the private notes are
    /// removed. An administrator cannot hand a cohort to themselves.
    /// </summary>
    public async Task HandOverAsync(string administratorId, int cohortId, string facilitatorId, CancellationToken cancellationToken = default)
    {
        if (facilitatorId == administratorId)
        {
            throw new CohortRuleException("Facilitator", "an administrator cannot hand a cohort to themselves; ask another facilitator");
        }
        var cohort = await db.Cohorts.Include(c => c.Participants).Include(c => c.Sessions).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == cohortId && !c.SelfGuided, cancellationToken) ?? throw new CohortNotFoundException();
        if ((await FacilitatorsAsync(cancellationToken)).All(f => f.Id != facilitatorId))
        {
            throw new CohortRuleException("Facilitator", "choose an active person with the facilitator role");
        }
        if (cohort.Participants.Any(p => p.UserId == facilitatorId))
        {
            throw new CohortRuleException("Facilitator", "that person is a participant of this cohort");
        }
        if (cohort.FacilitatorId == facilitatorId)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        cohort.FacilitatorId = facilitatorId;
        foreach (var session in cohort.Sessions)
        {
            session.NotesCiphertext = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.SharedReflections.Where(r => r.CohortId == cohortId).ExecuteDeleteAsync(cancellationToken);
        await db.SharedMeasurements.Where(r => r.CohortId == cohortId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Before a facilitator's account is deleted: their private notes, and everything participants shared
    /// with them, go too; the cohorts stay, without a facilitator, for an administrator to hand over.
    /// </summary>
    public async Task ForgetFacilitatorAsync(string facilitatorId, CancellationToken cancellationToken = default)
    {
        var cohortIds = await db.Cohorts.Where(c => c.FacilitatorId == facilitatorId).Select(c => c.Id).ToListAsync(cancellationToken);
        if (cohortIds.Count == 0)
        {
            return;
        }
        // Inside the caller's transaction when there is one (account deletion), else in its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.CohortSessions.Where(s => cohortIds.Contains(s.CohortId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.NotesCiphertext, (string?)null), cancellationToken);
        await db.SharedReflections.Where(r => cohortIds.Contains(r.CohortId)).ExecuteDeleteAsync(cancellationToken);
        await db.SharedMeasurements.Where(r => cohortIds.Contains(r.CohortId)).ExecuteDeleteAsync(cancellationToken);
        await db.Cohorts.Where(c => cohortIds.Contains(c.Id)).ExecuteUpdateAsync(c => c.SetProperty(x => x.FacilitatorId, (string?)null), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<Cohort> OwnAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken) =>
        await FindOwnAsync(facilitatorId, cohortId, cancellationToken) ?? throw new CohortNotFoundException();

    private static CohortSession SessionOf(Cohort cohort, int number) =>
        cohort.Sessions.FirstOrDefault(s => s.Number == number) ?? throw new CohortRuleException("Number", $"the cohort has no session {number}");

    /// <summary>Moves one session to a new local date and time in the cohort's zone (DST-correct); the others stay.</summary>
    public async Task RescheduleAsync(string facilitatorId, int cohortId, int number, DateOnly date, TimeOnly time, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var session = SessionOf(cohort, number);
        CheckDate(date, "Number");
        session.StartsAt = SessionSchedule.ToInstant(date.ToDateTime(time), FindZone(cohort.TimeZone)).ToUniversalTime();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds meetings after the last one, following the cadence (ongoing programs).</summary>
    public async Task AddMeetingsAsync(string facilitatorId, int cohortId, int count, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var program = ProgramOf(cohort);
        if (!program.Cadence.Ongoing)
        {
            throw new CohortRuleException("Count", "a program with a fixed number of sessions cannot be extended");
        }
        if (count is < 1 or > 52 || cohort.Sessions.Count + count > 200)
        {
            throw new CohortRuleException("Count", "add between 1 and 52 meetings (at most 200 in all)");
        }
        var zone = FindZone(cohort.TimeZone);
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
    }

    public async Task UpdateDetailsAsync(string facilitatorId, int cohortId, string? place, string? videoLink, int capacity, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        CheckLink(videoLink);
        CheckPlace(place);
        if (capacity < cohort.Participants.Count || capacity > MaxCapacity)
        {
            throw new CohortRuleException("Capacity", $"capacity must be between the {cohort.Participants.Count} people already in the cohort and {MaxCapacity}");
        }
        cohort.Place = Blank(place);
        cohort.VideoLink = Blank(videoLink);
        cohort.Capacity = capacity;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <returns>Whether the person was added (false when already a member).</returns>
    public async Task<bool> AddParticipantAsync(string facilitatorId, int cohortId, string userId, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        return await JoiningAsync(cohort, async () =>
        {
            var added = await JoinAsync(cohort, userId, cancellationToken);
            if (added)
            {
                Audit(facilitatorId, "cohort-add", userId, $"cohort {cohortId}");
            }
            return added;
        }, cancellationToken, facilitatorId);
    }

    /// <summary>The organisation's teams, by name, for adding a whole team to a cohort.</summary>
    public async Task<IReadOnlyList<Organisations.Team>> TeamsAsync(CancellationToken cancellationToken = default) =>
        await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);

    /// <summary>Adds the active members of a team (and its sub-teams) until the cohort is full.</summary>
    /// <returns>How many joined, and how many did not fit.</returns>
    public async Task<(int Added, int Full)> AddTeamAsync(string facilitatorId, int cohortId, int teamId, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync(cancellationToken);
        var wanted = new HashSet<int> { teamId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var t in teams.Where(t => t.ParentId is { } p && wanted.Contains(p) && !wanted.Contains(t.Id)))
            {
                grew = wanted.Add(t.Id);
            }
        }
        var members = await db.Users.AsNoTracking().Where(u => u.Active && u.TeamId != null && wanted.Contains(u.TeamId.Value))
            .OrderBy(u => u.DisplayName).Select(u => u.Id).ToListAsync(cancellationToken);
        return await JoiningAsync(cohort, async () =>
        {
            int added = 0, full = 0;
            foreach (var id in members.Where(id => id != cohort.FacilitatorId))
            {
                if (cohort.Participants.Any(p => p.UserId == id))
                {
                    continue;
                }
                if (cohort.Participants.Count >= cohort.Capacity)
                {
                    full++;
                    continue;
                }
                await JoinAsync(cohort, id, cancellationToken);
                Audit(facilitatorId, "cohort-add", id, $"cohort {cohortId}, with team {teamId}");
                added++;
            }
            return (added, full);
        }, cancellationToken, facilitatorId);
    }

    /// <summary>Adds someone who accepted a facilitator's invitation to that cohort (no facilitator check: the invitation is the permission).</summary>
    public async Task JoinByInvitationAsync(int cohortId, string userId, CancellationToken cancellationToken = default)
    {
        var cohort = await db.Cohorts.Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == cohortId, cancellationToken);
        if (cohort is null)
        {
            return;
        }
        await JoiningAsync(cohort, async () =>
        {
            var joined = await JoinAsync(cohort, userId, cancellationToken);
            if (joined)
            {
                Audit(userId, "cohort-join", userId, $"cohort {cohortId}, by invitation");
            }
            return joined;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs joins to one cohort one at a time, so that two adds at the same moment cannot overfill it:
    /// a no-op update takes the cohort's row lock (PostgreSQL) or the database's write lock (SQLite),
    /// the member list is then re-read, and the capacity check sees everyone already committed.
    /// </summary>
    private async Task<T> JoiningAsync<T>(Cohort cohort, Func<Task<T>> join, CancellationToken cancellationToken, string? facilitatorId = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The lock also re-checks, under it, that the cohort is still a group and still this facilitator's.
        var locked = await db.Cohorts
            .Where(c => c.Id == cohort.Id && !c.SelfGuided && (facilitatorId == null || c.FacilitatorId == facilitatorId))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Capacity, c => c.Capacity), cancellationToken);
        if (locked == 0)
        {
            throw new CohortNotFoundException();
        }
        // The member list as committed now: forget what was loaded before the lock (people may have
        // joined or left since), then read it again; fix-up refills cohort.Participants.
        foreach (var entry in db.ChangeTracker.Entries<CohortParticipant>().Where(e => e.Entity.CohortId == cohort.Id).ToList())
        {
            entry.State = EntityState.Detached;
        }
        cohort.Participants.Clear();
        await db.CohortParticipants.Where(p => p.CohortId == cohort.Id).LoadAsync(cancellationToken);
        var result = await join();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<bool> JoinAsync(Cohort cohort, string userId, CancellationToken cancellationToken)
    {
        if (cohort.Participants.Any(p => p.UserId == userId))
        {
            return false;
        }
        if (cohort.Participants.Count >= cohort.Capacity)
        {
            throw new CohortRuleException("Participant", $"the cohort is full ({cohort.Capacity} places)");
        }
        if (userId == cohort.FacilitatorId)
        {
            throw new CohortRuleException("Participant", "the facilitator leads the cohort and is not one of its participants");
        }
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.Active, cancellationToken))
        {
            throw new CohortRuleException("Participant", "there is no active account for that person");
        }
        cohort.Participants.Add(new CohortParticipant { UserId = userId, JoinedAt = clock.GetUtcNow() });
        return true;
    }

    public async Task RemoveParticipantAsync(string facilitatorId, int cohortId, string userId, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        if (cohort.Participants.All(p => p.UserId != userId))
        {
            throw new CohortRuleException("Participant", "that person is not in the cohort");
        }
        await LeaveAsync(db, cohortId, userId, clock.GetUtcNow(), cancellationToken);
        db.ChangeTracker.Clear(); // the cohort loaded above still lists them
        Audit(facilitatorId, "cohort-remove", userId, $"cohort {cohortId}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Takes someone out of a cohort, in one transaction with withdrawing what they shared with its
    /// facilitator (they shared it as a member). Used when a facilitator removes them or they leave.
    /// </summary>
    internal static async Task LeaveAsync(HearthDbContext db, int cohortId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CohortSessions.Where(s => s.CohortId == cohortId && s.PresenterId == userId && s.StartsAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.PresenterId, (string?)null), cancellationToken);
        var entryIds = db.JournalEntries.Where(j => j.UserId == userId).Select(j => j.Id);
        await db.SharedReflections.Where(r => r.CohortId == cohortId && entryIds.Contains(r.JournalEntryId)).ExecuteDeleteAsync(cancellationToken);
        var measurementIds = db.Measurements.Where(m => m.UserId == userId).Select(m => m.Id);
        await db.SharedMeasurements.Where(r => r.CohortId == cohortId && measurementIds.Contains(r.MeasurementId)).ExecuteDeleteAsync(cancellationToken);
        await db.CohortParticipants.Where(p => p.CohortId == cohortId && p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        // A self-guided run belongs to its one participant: leaving it ends it.
        await db.Cohorts.Where(c => c.Id == cohortId && c.SelfGuided).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Attendance and volunteering marks of one session of a cohort the facilitator leads.</summary>
    public async Task<IReadOnlyList<SessionParticipation>> MarksAsync(string facilitatorId, int cohortId, int number, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var session = SessionOf(cohort, number);
        return await db.SessionParticipations.AsNoTracking().Where(p => p.SessionId == session.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Records who came to a session: everyone on the roster is marked present or absent.</summary>
    public async Task RecordAttendanceAsync(string facilitatorId, int cohortId, int number, IReadOnlySet<string> present, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var session = SessionOf(cohort, number);
        var rows = await db.SessionParticipations.Where(p => p.SessionId == session.Id).ToListAsync(cancellationToken);
        foreach (var member in cohort.Participants)
        {
            var row = rows.FirstOrDefault(r => r.UserId == member.UserId);
            if (row is null)
            {
                row = new SessionParticipation { SessionId = session.Id, UserId = member.UserId };
                db.SessionParticipations.Add(row);
            }
            row.Present = present.Contains(member.UserId);
        }
        Audit(facilitatorId, "attendance", null, $"cohort {cohortId}, session {number}: {present.Count(p => cohort.Participants.Any(m => m.UserId == p))} of {cohort.Participants.Count} present");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SaveNotesAsync(string facilitatorId, int cohortId, int number, string? notes, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var session = SessionOf(cohort, number);
        if (notes is { Length: > MaxNotesLength })
        {
            throw new CohortRuleException("Notes", $"notes hold at most {MaxNotesLength} characters");
        }
        var ciphertext = string.IsNullOrWhiteSpace(notes) ? null : NotesProtector(cohortId, facilitatorId).Protect(notes.Trim());
        // Written only while the cohort is still this facilitator's: a hand-over in between wins.
        await db.CohortSessions.Where(s => s.Id == session.Id && db.Cohorts.Any(c => c.Id == cohortId && c.FacilitatorId == facilitatorId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NotesCiphertext, ciphertext), cancellationToken);
        session.NotesCiphertext = ciphertext;
    }

    public string? ReadNotes(Cohort cohort, CohortSession session)
    {
        if (session.NotesCiphertext is null || cohort.FacilitatorId is null)
        {
            return null;
        }
        try
        {
            return NotesProtector(cohort.Id, cohort.FacilitatorId).Unprotect(session.NotesCiphertext);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // written by someone else (a hand-over raced a save): not this facilitator's to read
        }
    }

    /// <summary>Chooses the case presenter for a Balint meeting by the fair rota (<see cref="BalintRota"/>) and records it.</summary>
    public async Task<string?> ChoosePresenterAsync(string facilitatorId, int cohortId, int number, CancellationToken cancellationToken = default)
    {
        var cohort = await OwnAsync(facilitatorId, cohortId, cancellationToken);
        var session = SessionOf(cohort, number);
        var roster = cohort.Participants.Select(p => p.UserId).ToList();
        var past = cohort.Sessions.Where(s => s.Number < number && s.PresenterId != null).OrderBy(s => s.Number).Select(s => s.PresenterId!).ToList();
        var marks = await db.SessionParticipations.AsNoTracking().Where(p => p.SessionId == session.Id).ToListAsync(cancellationToken);
        var present = SessionParticipation.PresentOf(roster, marks);
        var volunteers = marks.Where(m => m.Volunteered).Select(m => m.UserId).ToHashSet();
        session.PresenterId = BalintRota.NextPresenter(roster, past, present, volunteers);
        await db.SaveChangesAsync(cancellationToken);
        return session.PresenterId;
    }

    /// <summary>
    /// Who works with whom at session <paramref name="number"/>: for dyad programs, the round-robin
    /// pairs re-paired around recorded absences; for buddy programs, standing pairs; otherwise none.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> GroupsAsync(Cohort cohort, int number, CancellationToken cancellationToken = default)
    {
        var program = ProgramOf(cohort);
        var roster = cohort.Participants.OrderBy(p => p.Id).Select(p => p.UserId).ToList();
        if (program.Grouping == "buddies")
        {
            return DyadPairing.ForRound(roster, 0);
        }
        if (program.Grouping != "dyads")
        {
            return [];
        }
        var sessionIds = cohort.Sessions.Where(s => s.Number <= number).ToDictionary(s => s.Id, s => s.Number);
        var marks = await db.SessionParticipations.AsNoTracking().Where(p => sessionIds.Keys.Contains(p.SessionId)).ToListAsync(cancellationToken);
        var timesMet = new Dictionary<(string, string), int>();
        IReadOnlyList<IReadOnlyList<string>> groups = [];
        // Replay earlier sessions so that re-pairing on the day prefers people who have met least.
        for (var n = 1; n <= number; n++)
        {
            var id = sessionIds.FirstOrDefault(kv => kv.Value == n).Key;
            var here = marks.Where(m => m.SessionId == id).ToList();
            var present = SessionParticipation.PresentOf(roster, here);
            groups = DyadPairing.OnTheDay(roster, n - 1, present, timesMet);
            foreach (var g in groups)
            {
                foreach (var a in g)
                {
                    foreach (var b in g.Where(b => string.CompareOrdinal(a, b) < 0))
                    {
                        timesMet[(a, b)] = timesMet.GetValueOrDefault((a, b)) + 1;
                    }
                }
            }
        }
        return groups;
    }

    public ProgramDefinition ProgramOf(Cohort cohort) =>
        programs.Find(cohort.ProgramId) ?? throw new CohortRuleException("ProgramId", $"the program '{cohort.ProgramId}' is no longer available");

    private static void CheckPlace(string? place)
    {
        if (place is { Length: > FieldLengths.Place })
        {
            throw new CohortRuleException("Place", $"the place can be at most {FieldLengths.Place} characters");
        }
    }

    private static void CheckLink(string? link)
    {
        if (link is { Length: > FieldLengths.Link })
        {
            throw new CohortRuleException("VideoLink", $"the video link can be at most {FieldLengths.Link} characters");
        }
        if (!string.IsNullOrWhiteSpace(link) && (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CohortRuleException("VideoLink", "the video link must be a full https:// address");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The cohort does not exist or is not the acting facilitator's (pages answer 404 either way).</summary>
public sealed class CohortNotFoundException() : Exception("no such cohort");
