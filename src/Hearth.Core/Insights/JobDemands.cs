using Hearth.Content.Instruments;
using Hearth.Content.Insights;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>A team's recorded demands for a month, as the page lists them; withheld for a team smaller than k.</summary>
public sealed record TeamMonthView(int TeamId, string Team, DateOnly Month, IReadOnlyDictionary<string, double?> Values);

/// <summary>
/// Job demands and resources per team and month: entered on a page or imported from CSV. An import is
/// all or nothing: every line is checked (format, then that its team exists, once) before anything is
/// written, and the rows are written in one transaction, replacing the months they name.
/// </summary>
public sealed class JobDemands(HearthDbContext db, TimeProvider clock)
{
    /// <returns>How many team-months were written, or every problem (with line and column) and nothing written.</returns>
    public async Task<(int Written, IReadOnlyList<ValidationProblem> Problems)> ImportAsync(string userId, TextReader csv, string fileName, CancellationToken cancellationToken = default)
    {
        var (rows, problems) = JobDemandsCsv.Read(csv, fileName);
        if (problems.Count > 0)
        {
            return (0, problems);
        }
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var byName = teams.GroupBy(t => t.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList(), StringComparer.OrdinalIgnoreCase);
        var resolved = new List<(TeamMonthRow Row, int TeamId)>();
        var unresolved = new List<ValidationProblem>();
        foreach (var row in rows)
        {
            if (!byName.TryGetValue(row.Team, out var ids))
            {
                unresolved.Add(new ValidationProblem(fileName, $"line {row.Line}, column '{JobDemandsCsv.TeamColumn}'", $"there is no team called '{row.Team}'"));
            }
            else if (ids.Count > 1)
            {
                unresolved.Add(new ValidationProblem(fileName, $"line {row.Line}, column '{JobDemandsCsv.TeamColumn}'", $"{ids.Count} teams are called '{row.Team}'; rename one on the teams page first"));
            }
            else
            {
                resolved.Add((row, ids[0]));
            }
        }
        if (unresolved.Count > 0)
        {
            return (0, [.. unresolved.Take(JobDemandsCsv.MaxListedProblems)]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (row, teamId) in resolved)
        {
            await SetAsync(userId, teamId, row.Month, row.Values, save: false, cancellationToken);
        }
        db.AddAudit(clock, userId, "job-demands-import", null, $"{fileName}: {resolved.Count} team-months");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (resolved.Count, []);
    }

    /// <summary>Records one team's month, replacing the values given (others are kept).</summary>
    public async Task<Outcome> SaveAsync(string userId, int teamId, DateOnly month, IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken = default)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return new FieldProblem("Team", ProblemText.Get("Insights.ChooseTeam"));
        }
        if (values.FirstOrDefault(v => JobDemandsCsv.Find(v.Key) is null || !double.IsFinite(v.Value) || v.Value < 0) is { Key: not null } bad)
        {
            return new FieldProblem(bad.Key, ProblemText.Get("Insights.DemandNotNegative", JobDemandsCsv.Find(bad.Key)?.Title ?? bad.Key));
        }
        await SetAsync(userId, teamId, new DateOnly(month.Year, month.Month, 1), values, save: true, cancellationToken);
        return Outcome.Ok;
    }

    private async Task SetAsync(string userId, int teamId, DateOnly month, IReadOnlyDictionary<string, double> values, bool save, CancellationToken cancellationToken)
    {
        var record = await db.TeamMonths.FirstOrDefaultAsync(t => t.TeamId == teamId && t.Month == month, cancellationToken)
            ?? db.TeamMonths.Local.FirstOrDefault(t => t.TeamId == teamId && t.Month == month);
        if (record is null)
        {
            record = new TeamMonth { TeamId = teamId, Month = month };
            db.TeamMonths.Add(record);
        }
        foreach (var (column, value) in values)
        {
            record[column] = value;
        }
        record.UpdatedAt = clock.GetUtcNow();
        record.UpdatedById = userId;
        if (save)
        {
            db.AddAudit(clock, userId, "job-demands", null, $"team {teamId}, {month:yyyy-MM}");
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The months recorded between two dates, for teams of at least k people (smaller teams' rows are left out:
    /// a team of three's sick leave points at someone).
    /// </summary>
    public async Task<IReadOnlyList<TeamMonthView>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var k = await Anonymity.ThresholdAsync(db, cancellationToken);
        var sizes = await TeamSizesAsync(cancellationToken);
        var names = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var start = new DateOnly(from.Year, from.Month, 1);
        var rows = await db.TeamMonths.AsNoTracking().Where(t => t.Month >= start && t.Month <= to).ToListAsync(cancellationToken);
        return [.. rows.Where(r => sizes.GetValueOrDefault(r.TeamId) >= k).OrderBy(r => names[r.TeamId], StringComparer.CurrentCulture).ThenBy(r => r.Month)
            .Select(r => new TeamMonthView(r.TeamId, names[r.TeamId], r.Month, JobDemandsCsv.Measures.ToDictionary(m => m.Column, m => r[m.Column])))];
    }

    /// <summary>People in each team's subtree with an active account.</summary>
    internal async Task<Dictionary<int, int>> TeamSizesAsync(CancellationToken cancellationToken)
    {
        var teams = (await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync(cancellationToken)).Select(t => (t.Id, t.ParentId)).ToList();
        var direct = await db.Users.Where(u => u.Active && u.TeamId != null).GroupBy(u => u.TeamId!.Value).Select(g => new { Team = g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Team, g => g.N, cancellationToken);
        return teams.ToDictionary(t => t.Id, t => Organisations.TeamTree.WithNested(teams, [t.Id]).Sum(direct.GetValueOrDefault));
    }
}
