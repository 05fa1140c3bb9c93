using Hearth.Content.Groups;
using Hearth.Content.Programs;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>Who works with whom at a meeting: the Balint case presenter, dyad partners and standing buddies.</summary>
public sealed class CohortRota(HearthDbContext db, ProgramCatalog programs)
{
    /// <summary>Chooses the case presenter for a Balint meeting by the fair rota (<see cref="BalintRota"/>) and records it.</summary>
    public async Task<Outcome<string?>> ChoosePresenterAsync(string facilitatorId, int cohortId, int number, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (cohort.SessionNumbered(number) is not { } session)
        {
            return CohortQueries.NoSession(number);
        }
        var roster = cohort.Participants.Select(p => p.UserId).ToList();
        var past = cohort.Sessions.Where(s => s.Number < number && s.PresenterId != null).OrderBy(s => s.Number).Select(s => s.PresenterId!).ToList();
        var marks = await db.SessionParticipations.AsNoTracking().Where(p => p.SessionId == session.Id).ToListAsync(cancellationToken);
        var present = SessionParticipation.PresentOf(roster, marks);
        var volunteers = marks.Where(m => m.Volunteered).Select(m => m.UserId).ToHashSet();
        session.PresenterId = BalintRota.NextPresenter(roster, past, present, volunteers);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of<string?>(session.PresenterId);
    }

    /// <summary>
    /// Who works with whom at session <paramref name="number"/>: for dyad programs, the round-robin
    /// pairs re-paired around recorded absences; for buddy programs, standing pairs; otherwise none.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> GroupsAsync(Cohort cohort, int number, CancellationToken cancellationToken = default)
    {
        var roster = cohort.Participants.OrderBy(p => p.Id).Select(p => p.UserId).ToList();
        switch (programs.Find(cohort.ProgramId)?.Grouping)
        {
            case ProgramGrouping.Buddies:
                return DyadPairing.ForRound(roster, 0);
            case ProgramGrouping.Dyads:
                break;
            default:
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
}
