using Hearth.Content;
using Hearth.Content.Evaluation;
using Hearth.Content.Instruments;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Hearth.Statistics.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

public sealed record ChangeDraft(string Title, ChangeKind Kind, string? Description, DateOnly StartsOn, IReadOnlyList<int> Teams, int? StudyId);

/// <summary>One month of the evaluation's two lines: the teams with the change and those without (null where fewer than k answered).</summary>
public sealed record ChangeMonth(DateOnly Month, double? WithChange, double? WithoutChange);

/// <summary>What the evaluation found, in numbers and in words; a part that could not be computed says why instead.</summary>
public sealed record ChangeEvaluation(
    OrganisationalChange Change, string ScoreTitle, bool HigherIsBetter,
    DifferenceInDifferencesResult? Did, string? DidWords, string? DidProblem,
    InterruptedTimeSeriesResult? Its, string? ItsWords, string? ItsProblem,
    IReadOnlyList<ChangeMonth> Months, int TeamsWithChange, int TeamsWithout);

/// <summary>
/// The log of organisational changes and their evaluation on a questionnaire score:
/// <list type="bullet">
/// <item>difference-in-differences: each team's monthly mean against the teams without the change, with
/// team and month fixed effects and the SE clustered by team;</item>
/// <item>an interrupted time series of the changed teams' monthly mean.</item>
/// </list>
/// Both use only team-months (and months) with at least k people answering, each person once with their
/// latest answer in the month, so the evaluation never rests on a figure the dashboard would withhold.
/// Teams are the teams people belong to directly, so no one counts twice.
/// </summary>
public sealed class OrganisationalChanges(HearthDbContext db, InstrumentCatalog instruments, TimeProvider clock)
{
    /// <summary>How far before the change the evaluation looks.</summary>
    public const int MonthsBefore = 12;

    public async Task<Outcome<OrganisationalChange>> LogAsync(string userId, ChangeDraft draft, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > FieldLengths.Name)
        {
            return new FieldProblem("Title", ProblemText.Get("Insights.ChangeTitleRequired", FieldLengths.Name));
        }
        if ((draft.Description ?? "").Length > FieldLengths.LongText)
        {
            return new FieldProblem("Description", ProblemText.Get("Insights.ChangeDescriptionTooLong", FieldLengths.LongText));
        }
        var teams = draft.Teams.Distinct().ToList();
        if (teams.Count == 0 || await db.Teams.CountAsync(t => teams.Contains(t.Id), cancellationToken) != teams.Count)
        {
            return new FieldProblem("Teams", ProblemText.Get("Insights.ChangeTeamsRequired"));
        }
        if (draft.StudyId is { } studyId && !await db.Studies.AnyAsync(s => s.Id == studyId && s.WedgeSteps > 0, cancellationToken))
        {
            return new FieldProblem("StudyId", ProblemText.Get("Insights.NotSteppedWedge"));
        }
        var change = new OrganisationalChange
        {
            Title = draft.Title.Trim(), Kind = draft.Kind, Description = draft.Description?.Trim() ?? "", StartsOn = draft.StartsOn,
            TeamIds = string.Join(",", teams.Order()), StudyId = draft.StudyId, CreatedAt = clock.GetUtcNow(), CreatedById = userId,
        };
        db.OrganisationalChanges.Add(change);
        db.AddAudit(clock, userId, "organisational-change", null, $"{change.Title} from {change.StartsOn:yyyy-MM-dd} in teams {change.TeamIds}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(change);
    }

    public async Task<IReadOnlyList<OrganisationalChange>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.OrganisationalChanges.AsNoTracking().OrderByDescending(c => c.StartsOn).ThenBy(c => c.Title).ToListAsync(cancellationToken);

    public async Task<Outcome<ChangeEvaluation>> EvaluateAsync(int changeId, string instrumentId, string scoreId, CancellationToken cancellationToken = default)
    {
        if (await db.OrganisationalChanges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId, cancellationToken) is not { } change)
        {
            return Outcome.Missing;
        }
        if (instruments.Find(instrumentId)?.Scores.FirstOrDefault(s => s.Id == scoreId) is not { } score)
        {
            return new FieldProblem("measure", ProblemText.Get("Insights.NotAScore", instrumentId, scoreId));
        }
        var k = await Anonymity.ThresholdAsync(db, cancellationToken);
        var changed = await TeamTree.WithNestedAsync(db, change.Teams, cancellationToken);
        var startMonth = new DateOnly(change.StartsOn.Year, change.StartsOn.Month, 1);
        var first = startMonth.AddMonths(-MonthsBefore);
        var now = clock.GetUtcNow();
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var answers = await (from m in db.Measurements.AsNoTracking()
                             join s in db.Set<MeasurementScore>() on m.Id equals s.MeasurementId
                             join u in db.Users on m.UserId equals u.Id
                             where m.InstrumentId == instrumentId && s.ScoreId == scoreId && s.Value != null && m.SubmittedAt >= since && m.SubmittedAt < now && u.TeamId != null
                             select new { m.UserId, Team = u.TeamId!.Value, m.SubmittedAt, Value = s.Value!.Value }).ToListAsync(cancellationToken);
        // Each person once a month, with their latest answer in it.
        var latest = answers.GroupBy(a => (a.UserId, Month: new DateOnly(a.SubmittedAt.Year, a.SubmittedAt.Month, 1)))
            .Select(g => g.OrderBy(a => a.SubmittedAt).Last() is var a ? (a.Team, g.Key.Month, a.Value) : default).ToList();
        var months = latest.Select(l => l.Month).Distinct().Order().ToList();
        var cells = latest.GroupBy(l => (l.Team, l.Month)).Where(g => g.Count() >= k)
            .Select(g => (g.Key.Team, g.Key.Month, Mean: g.Average(x => x.Value))).ToList();

        DifferenceInDifferencesResult? did = null;
        string? didProblem = null;
        var units = cells.Select(c => c.Team).Distinct().Order().ToList();
        var periods = cells.Select(c => c.Month).Distinct().Order().ToList();
        var withChange = units.Count(changed.Contains);
        if (withChange == 0 || withChange == units.Count)
        {
            didProblem = withChange == 0
                ? $"no team with the change has a month with at least {k} people answering"
                : $"every team with enough answers has the change: there is no team to compare with";
        }
        else
        {
            try
            {
                did = DifferenceInDifferences.Fit(new PanelData(
                    [.. cells.Select(c => units.IndexOf(c.Team))], units.Count,
                    [.. cells.Select(c => periods.IndexOf(c.Month))], periods.Count,
                    [.. cells.Select(c => changed.Contains(c.Team) && c.Month >= startMonth ? 1.0 : 0.0)],
                    [.. cells.Select(c => c.Mean)]));
            }
            catch (ArgumentException ex)
            {
                didProblem = ex.Message;
            }
        }

        var pooled = months.Select(month => (Month: month, With: Mean(latest.Where(l => l.Month == month && changed.Contains(l.Team)), k),
            Without: Mean(latest.Where(l => l.Month == month && !changed.Contains(l.Team)), k))).ToList();
        InterruptedTimeSeriesResult? its = null;
        string? itsProblem = null;
        // The longest run of consecutive months with enough answers, around the change's first month.
        var run = ContiguousRun(pooled.Where(p => p.With is not null).Select(p => p.Month).ToList(), startMonth);
        try
        {
            its = run.Count == 0
                ? throw new ArgumentException($"the teams with the change have no run of months with at least {k} people answering around {startMonth:MMM yyyy}")
                : InterruptedTimeSeries.Fit([.. run.Select(m => pooled.Single(p => p.Month == m).With!.Value)], run.IndexOf(startMonth));
        }
        catch (ArgumentException ex)
        {
            itsProblem = ex.Message;
        }
        var title = score.Title.ToLowerInvariant();
        return Outcome.Of(new ChangeEvaluation(change, score.Title, score.HigherIsBetter,
            did, did is null ? null : PlainLanguage.DifferenceInDifferences(did.Effect, title, score.HigherIsBetter), didProblem,
            its, its is null ? null : PlainLanguage.InterruptedTimeSeries(its, title, score.HigherIsBetter), itsProblem,
            [.. pooled.Select(p => new ChangeMonth(p.Month, p.With, p.Without))], withChange, units.Count - withChange));
    }

    private static double? Mean<T>(IEnumerable<(T Team, DateOnly Month, double Value)> people, int k)
    {
        var values = people.Select(p => p.Value).ToList();
        return values.Count >= k ? values.Average() : null;
    }

    private static List<DateOnly> ContiguousRun(List<DateOnly> months, DateOnly around)
    {
        if (!months.Contains(around))
        {
            return [];
        }
        var run = new List<DateOnly> { around };
        for (var m = around.AddMonths(-1); months.Contains(m); m = m.AddMonths(-1))
        {
            run.Insert(0, m);
        }
        for (var m = around.AddMonths(1); months.Contains(m); m = m.AddMonths(1))
        {
            run.Add(m);
        }
        return run;
    }
}
