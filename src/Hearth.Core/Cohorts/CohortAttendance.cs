using System.Globalization;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>What a facilitator records of a meeting: who came, and private notes only they can read.</summary>
public sealed class CohortAttendance(HearthDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    // Notes belong to the facilitator who wrote them: the key's purpose names both cohort and facilitator,
    // so a facilitator a cohort is handed to cannot read their predecessor's notes.
    private IDataProtector NotesProtector(int cohortId, string facilitatorId) =>
        protection.CreateProtector("Hearth.CohortNotes.v1", cohortId.ToString(CultureInfo.InvariantCulture), facilitatorId);

    /// <summary>Attendance and volunteering marks of one session of a cohort the facilitator leads.</summary>
    public async Task<Outcome<IReadOnlyList<SessionParticipation>>> MarksAsync(string facilitatorId, int cohortId, int number, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (cohort.SessionNumbered(number) is not { } session)
        {
            return CohortQueries.NoSession(number);
        }
        return Outcome.Of<IReadOnlyList<SessionParticipation>>(
            await db.SessionParticipations.AsNoTracking().Where(p => p.SessionId == session.Id).ToListAsync(cancellationToken));
    }

    /// <summary>Records who came to a session: everyone on the roster is marked present or absent.</summary>
    public async Task<Outcome> RecordAttendanceAsync(string facilitatorId, int cohortId, int number, IReadOnlySet<string> present, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (cohort.SessionNumbered(number) is not { } session)
        {
            return CohortQueries.NoSession(number);
        }
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
        db.AddAudit(clock, facilitatorId, "attendance", null,
            $"cohort {cohortId}, session {number}: {present.Count(p => cohort.Participants.Any(m => m.UserId == p))} of {cohort.Participants.Count} present");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    public async Task<Outcome> SaveNotesAsync(string facilitatorId, int cohortId, int number, string? notes, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (cohort.SessionNumbered(number) is not { } session)
        {
            return CohortQueries.NoSession(number);
        }
        if (notes is { Length: > CohortLimits.MaxNotesLength })
        {
            return new FieldProblem("Notes", ProblemText.Get("Cohorts.NotesTooLong", CohortLimits.MaxNotesLength));
        }
        var ciphertext = string.IsNullOrWhiteSpace(notes) ? null : NotesProtector(cohortId, facilitatorId).Protect(notes.Trim());
        // Written only while the cohort is still this facilitator's: a hand-over in between wins.
        await db.CohortSessions.Where(s => s.Id == session.Id && db.Cohorts.LedBy(facilitatorId).Any(c => c.Id == cohortId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NotesCiphertext, ciphertext), cancellationToken);
        session.NotesCiphertext = ciphertext;
        return Outcome.Ok;
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
}
