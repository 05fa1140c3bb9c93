using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>
/// The stepped-wedge schedule as its researcher may see it today. Periods that have begun are shown for
/// every team; a team's step is revealed when that step begins, never before, so nobody can tell a team
/// (or prepare it) ahead of its turn.
/// </summary>
public sealed class WedgeSchedules(HearthDbContext db, TimeProvider clock)
{
    /// <returns>The rows, the current period, and the number of periods; null when the study is not the researcher's or not a stepped wedge.</returns>
    public async Task<(IReadOnlyList<WedgeRow> Rows, int Period, int Periods)?> ForResearcherAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        var study = await db.Studies.RunBy(researcherId).AsNoTracking().FirstOrDefaultAsync(s => s.Id == studyId, cancellationToken);
        if (study is null || !study.IsWedge())
        {
            return null;
        }
        var ids = StudyWedge.Teams(study).Select(int.Parse).ToList();
        var names = await db.Teams.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var schedule = StudyWedge.Schedule(study);
        var period = study.RecruitingSince is null ? -1 : StudyWedge.Period(study, clock.GetUtcNow());
        var rows = ids.Select(id =>
        {
            var step = schedule.Crossing[id.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            var cells = Enumerable.Range(0, study.WedgeSteps + 1).Select(p => p == 0 ? false : p <= period ? p >= step : (bool?)(step <= period ? true : null)).ToList(); // the baseline is control for all
            return new WedgeRow(id, names.GetValueOrDefault(id, $"team {id}"), cells, step <= period ? step : null);
        });
        // Teams that have crossed first, in the order they did; those still waiting by name, so the order reveals nothing.
        return ([.. rows.OrderBy(r => r.CrossedAt ?? int.MaxValue).ThenBy(r => r.Team, StringComparer.CurrentCulture)], period, study.WedgeSteps + 1);
    }
}
