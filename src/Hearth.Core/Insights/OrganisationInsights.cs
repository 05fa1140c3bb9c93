using System.Runtime.CompilerServices;
using Hearth.Content.Instruments;
using Hearth.Core.Localization;
using Hearth.Core.Measurements;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Hearth.Statistics.Distributions;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// Anonymous dashboards for wellbeing leads. Anonymity is decided here, in the query layer, before any
/// figure leaves: <see cref="DisclosureControl"/> sees every figure of the response, the same person's
/// earlier responses (the last <see cref="HistoryDays"/> days), and, for a response within one profession
/// or site, the unfiltered groups it could be set against. Withheld figures carry a reason, never a number.
/// Callers check the role; this class trusts that it is asked by a wellbeing lead or an administrator.
/// </summary>
public sealed class OrganisationInsights(HearthDbContext db, InstrumentCatalog instruments, TimeProvider clock, InsightAnswerStore? store = null)
{
    private readonly InsightAnswerStore _store = store ?? new InsightAnswerStore();

    /// <summary>How far back a person's earlier responses are audited against: every one of them in that time.</summary>
    public const int HistoryDays = 365;

    public Task<Outcome<InsightResponse>> ScoresAsync(string viewerId, InsightRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(viewerId, request, cancellationToken);

    /// <param name="viewerId">Who asks, audited against what they saw before and recorded as having seen this; null
    /// only for the start-up rehearsal, whose response nobody sees.</param>
    private async Task<Outcome<InsightResponse>> AnswerAsync(string? viewerId, InsightRequest request, CancellationToken cancellationToken)
    {
        if (instruments.Find(request.InstrumentId) is not { } instrument)
        {
            return new FieldProblem("instrument", ProblemText.Get("Insights.NoQuestionnaire", request.InstrumentId));
        }
        if (instrument.Scores.FirstOrDefault(s => s.Id == request.ScoreId) is not { } score)
        {
            return new FieldProblem("score", ProblemText.Get("Insights.NoScore", request.InstrumentId, request.ScoreId, string.Join(", ", instrument.Scores.Select(s => s.Id))));
        }
        if (request.To < request.From || request.To.DayNumber - request.From.DayNumber > 3 * 366)
        {
            return new FieldProblem("to", ProblemText.Get("Insights.PeriodRange"));
        }
        var k = await Anonymity.ThresholdAsync(db, cancellationToken);
        var now = clock.GetUtcNow();

        // Every response of the year, not the last few: two responses that together single someone out may be far apart
        // in a lead's history. A response that showed nothing new is not recorded (below), so repeats do not pile up.
        // The rehearsal (no viewer) asks too, for nobody, so that the query is compiled before the first lead asks.
        var history = await db.InsightViews.AsNoTracking()
            .Where(v => v.UserId == (viewerId ?? "") && v.InstrumentId == request.InstrumentId && v.ScoreId == request.ScoreId && v.ShownAt > now.AddDays(-HistoryDays))
            .ToListAsync(cancellationToken);
        // The store holds every answer read so far; this reads only those given since, and each earlier
        // question is then rebuilt from the same snapshot, cut to its own period and moment.
        var layout = await _store.LayoutAsync(db, cancellationToken);
        var answers = await _store.ReadAsync(db, request.InstrumentId, request.ScoreId, cancellationToken);
        var linked = Linked(history, request);
        // The period covering this question and every earlier one it is audited against.
        var (first, last) = (linked.Select(v => v.From).Append(request.From).Min(), linked.Select(v => v.To).Append(request.To).Max());
        var (series, bands, minutes, months) = answers.Snapshot(layout, (first, last));
        using var book = new AnswerBook(layout, series, months, bands, minutes, now);
        var current = InsightFigures.Build(request, book, now);

        var currentKeys = current.Figures.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var contexts = new List<DisclosureControl.Context>();
        var sameWindow = new Dictionary<(int, ulong, ulong), Figure>();
        var otherWindows = new Dictionary<(int, ulong, ulong), Figure>();
        foreach (var view in Distinct(linked, book))
        {
            var shown = view.Shown.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            // Grouped as it was shown: after a move, a team's figure over the same answers counts other people.
            var grouped = await InsightAnswerStore.LayoutShownAsync(db, view.People, layout, cancellationToken);
            // The same question, grouped the same way, with nobody answering since: it showed some of this response's own
            // figures (a lead reloading the page), so they are taken from it rather than built again.
            var same = view.Request == request with { Trend = null } && ReferenceEquals(grouped, layout) && !book.AnyWithin(view.ShownAt, now) && shown.All(currentKeys.Contains);
            // Otherwise rebuilt with the monthly figures it showed (their keys carry the month), whichever group they were for.
            var trended = shown.Where(key => key.Contains('@', StringComparison.Ordinal)).Select(key => key[..key.IndexOf('@', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
            var then = same ? current.Figures : InsightFigures.Build(view.Request, book, view.ShownAt, g => trended.Contains(g.Key), grouped).Figures;
            var into = view.From == request.From && view.To == request.To ? sameWindow : otherWindows;
            // The same people's same answers shown twice tell nothing new: keep each distinct figure once.
            foreach (var figure in then.Where(f => shown.Contains(f.Key)))
            {
                into.TryAdd(figure.Identity, figure);
            }
        }
        // Checked in this order, each with those before it: what this person has seen comes first, so the
        // last, hypothetical context can never hide a leak through what they have really seen.
        contexts.Add(new DisclosureControl.Context([.. sameWindow.Values], SuppressionReason.Subtraction));
        contexts.Add(new DisclosureControl.Context([.. otherWindows.Values], SuppressionReason.Period));
        var control = new DisclosureControl(k);
        if (request.Filtered)
        {
            // What the same question without the filter would show: a filtered group must not differ from it by a few people.
            var unfiltered = InsightFigures.Build(request with { Profession = null, Site = null }, book, now);
            var hidden = control.Decide(unfiltered.Figures, unfiltered.Partitions, []);
            contexts.Add(new DisclosureControl.Context([.. unfiltered.Figures.Where(f => !hidden.ContainsKey(f.Key))], SuppressionReason.Segment));
        }

        // Every figure's count, mean and interval are worked out on another core while the audit decides which may be
        // shown: the audit runs mostly on one, and the summaries of the withheld few cost less than waiting.
        var summaries = Task.Run(() => Summary.OfAll(current), cancellationToken);
        var suppressed = control.Decide(current.Figures, current.Partitions, contexts);
        var response = Describe(k, request, score, current, suppressed, await summaries);

        var shownKeys = string.Join('\n', current.Figures.Where(f => !suppressed.ContainsKey(f.Key)).Select(f => f.Key));
        if (viewerId is not null)
        {
            // The same figures over the same answers, grouped the same way, on record already are not recorded again: a
            // later question rebuilds them from that view.
            if (!ShownBefore(history, request, shownKeys, layout.SnapshotId, book, now))
            {
                await _store.StoreSnapshotAsync(db, layout, cancellationToken);
                db.InsightViews.Add(View(viewerId, request, now, shownKeys, layout.SnapshotId));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        else if (await db.Users.Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) is { } anyone)
        {
            // The rehearsal stores the people's snapshot, as the first lead's response would, then writes its view in a
            // transaction it rolls back: the write is compiled, nothing is recorded.
            await _store.StoreSnapshotAsync(db, layout, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.InsightViews.Add(View(anyone, request, now, shownKeys, layout.SnapshotId));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return Outcome.Of(response);
    }

    private static InsightView View(string viewerId, InsightRequest request, DateTimeOffset now, string shown, string people) => new()
    {
        UserId = viewerId, InstrumentId = request.InstrumentId, ScoreId = request.ScoreId, By = request.By,
        Profession = request.Profession, Site = request.Site, From = request.From, To = request.To, ShownAt = now, Shown = shown, People = people,
    };

    /// <summary>
    /// Reads a score's answers into the store ahead of the first question (at start-up), then works out the
    /// dashboard's first view (by team, the last twelve months) once for nobody: the first lead of the day
    /// then does not wait for the code to be compiled. Nothing is shown or recorded.
    /// </summary>
    public async Task WarmAsync(string instrumentId, string scoreId, CancellationToken cancellationToken = default)
    {
        await _store.WarmAsync(db, instrumentId, scoreId, cancellationToken);
        // The layouts earlier responses were shown with (after a move, they differ from today's) are read and grouped now,
        // not when their lead next asks.
        var layout = await _store.LayoutAsync(db, cancellationToken);
        var since = clock.GetUtcNow().AddDays(-HistoryDays);
        foreach (var id in await db.InsightViews.Where(v => v.People != null && v.ShownAt > since).Select(v => v.People!).Distinct().ToListAsync(cancellationToken))
        {
            var earlier = await InsightAnswerStore.LayoutShownAsync(db, id, layout, cancellationToken);
            foreach (var by in Enum.GetValues<InsightGrouping>())
            {
                InsightFigures.Differing(earlier, layout, (by, null, null)); // its groups, and which differ from today's
            }
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await AnswerAsync(null, new InsightRequest(instrumentId, scoreId, InsightGrouping.Team, new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today), cancellationToken);
    }

    public async Task<string> OrganisationNameAsync(CancellationToken cancellationToken = default) =>
        await db.Organisations.Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? "";

    /// <summary>The professions and sites recorded in the organisation, for the dashboard's filters.</summary>
    public async Task<(IReadOnlyList<string> Professions, IReadOnlyList<string> Sites)> LabelsAsync(CancellationToken cancellationToken = default)
    {
        var professions = await db.Users.Where(u => u.Profession != null).Select(u => u.Profession!).Distinct().ToListAsync(cancellationToken);
        var sites = await db.Users.Where(u => u.Site != null).Select(u => u.Site!).Distinct().ToListAsync(cancellationToken);
        return ([.. professions.Order(StringComparer.CurrentCulture)], [.. sites.Order(StringComparer.CurrentCulture)]);
    }

    /// <summary>
    /// Everyone, as the dashboard groups them: read again whenever the database's count of changes to people
    /// has moved (<see cref="InsightAnswerStore.LayoutAsync"/>), so a move or an erasure counts at once (a plain
    /// read, since 100,000 people through EF take a tenth of a second).
    /// </summary>
    internal static async Task<List<GroupedPerson>> PeopleAsync(HearthDbContext db, CancellationToken cancellationToken)
    {
        var people = new List<GroupedPerson>();
        await RawQuery.ReadAsync(db, """SELECT "Id", "TeamId", "Profession", "Site", "Active" FROM "AspNetUsers" """, [], reader =>
            people.Add(new GroupedPerson(people.Count, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4))), cancellationToken);
        return people;
    }

    internal static Task<List<TeamNode>> TeamsAsync(HearthDbContext db, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking().Select(t => new TeamNode(t.Id, t.Name, t.ParentId)).ToListAsync(cancellationToken);

    /// <summary>
    /// The earlier responses that can be combined with this question's figures: those whose periods overlap its period,
    /// or overlap one that does, and so on. A figure counts only answers given within its response's period, so
    /// responses whose periods are apart share no answer, and no sum of theirs can be set against this question's: in
    /// the audit's algebra they are separate blocks, and leaving them out decides exactly as keeping them would. A lead
    /// who looked at each month on its own is then audited, on next month's question, only against what touches it.
    /// </summary>
    internal static List<InsightView> Linked(List<InsightView> history, InsightRequest request)
    {
        var (from, to) = (request.From, request.To);
        // Periods by start: the run of overlapping periods that holds this question's, widened as each one joins it.
        var byStart = history.OrderBy(v => v.From).ToList();
        bool grew;
        do
        {
            grew = false;
            foreach (var view in byStart)
            {
                if (view.From <= to && from <= view.To && (view.From < from || view.To > to))
                {
                    (from, to, grew) = (view.From < from ? view.From : from, view.To > to ? view.To : to, true);
                }
            }
        }
        while (grew);
        return [.. history.Where(v => v.From <= to && from <= v.To)];
    }

    /// <summary>
    /// The earlier responses that differ: the same question shown twice, grouped the same way, with no answer in its
    /// period given in between showed the same figures, so it is rebuilt once (a lead reloading a page adds nothing).
    /// </summary>
    private static IEnumerable<InsightView> Distinct(List<InsightView> history, AnswerBook answers)
    {
        foreach (var same in history.GroupBy(v => (v.Request, v.People, v.Shown)))
        {
            InsightView? previous = null;
            foreach (var view in same.OrderBy(v => v.ShownAt))
            {
                if (previous is null || AnsweredBetween(answers, view.From, view.To, previous.ShownAt, view.ShownAt))
                {
                    yield return view;
                }
                previous = view;
            }
        }
    }

    /// <summary>
    /// Whether an earlier view of the same question showed the same figures, grouped the same way, with no answer in its period given since:
    /// rebuilt later, it gives exactly this response's figures, so recording this one would tell the audit nothing.
    /// </summary>
    private static bool ShownBefore(List<InsightView> history, InsightRequest request, string shown, string people, AnswerBook answers, DateTimeOffset now)
    {
        var asked = request with { Trend = null };
        return history.Any(view => view.Request == asked && view.People == people && view.Shown == shown && !AnsweredBetween(answers, request.From, request.To, view.ShownAt, now));
    }

    /// <summary>Whether anyone gave an answer dated within the period <paramref name="from"/> to <paramref name="to"/> between two moments a question about it was shown.</summary>
    private static bool AnsweredBetween(AnswerBook answers, DateOnly from, DateOnly to, DateTimeOffset earlier, DateTimeOffset later)
    {
        var (start, end) = (InsightFigures.StartOf(from), InsightFigures.StartOf(to.AddDays(1)));
        return answers.AnyWithin(earlier > start ? earlier : start, later < end ? later : end);
    }

    private static InsightResponse Describe(int k, InsightRequest request, ScoreDefinition score, InsightFigures current,
        IReadOnlyDictionary<string, SuppressionReason> suppressed, IReadOnlyDictionary<string, Summary> summaries)
    {
        var ids = current.Groups.ToDictionary(g => g.Key, g => g.Id, StringComparer.Ordinal);
        string? ParentId(InsightGroup group) => group.ParentKey is null or InsightFigures.Organisation ? null : ids[group.ParentKey];
        GroupFigures Group(InsightGroup group)
        {
            var trend = !current.Trended.Contains(group.Key) ? [] : current.Months.Select(month =>
            {
                var key = InsightFigures.MonthKey(group.Key, month);
                return suppressed.TryGetValue(key, out var why)
                    ? new TrendPoint(month, null, null, null, null, Words(why, k))
                    : summaries[key] is var s ? new TrendPoint(month, s.N, s.Mean, s.Lower, s.Upper, null) : null!;
            }).ToList();
            if (suppressed.TryGetValue(group.Key, out var reason))
            {
                return new GroupFigures(group.Id, group.Name, ParentId(group), null, null, null, null, null, null, true, Words(reason, k), trend);
            }
            var summary = summaries[group.Key];
            var bands = score.Bands.Select(b => new BandShare(b.Label, summary.Bands.GetValueOrDefault(b.Label) / (double)summary.N)).ToList();
            return new GroupFigures(group.Id, group.Name, ParentId(group), summary.N, group.Eligible,
                summary.Mean, summary.Lower, summary.Upper, bands, false, null, trend);
        }
        var all = current.Groups.Select(Group).ToList();
        return new InsightResponse(k, request, score.Title, score.HigherIsBetter, all[0], all[1..], score.Norm);
    }

    /// <summary>What a withheld figure says instead of a number.</summary>
    public static string Words(SuppressionReason reason, int k) => reason switch
    {
        SuppressionReason.TooFew => $"fewer than {k} people",
        SuppressionReason.Subtraction => "would reveal a smaller group by subtraction",
        SuppressionReason.Segment => $"would differ from the whole group by fewer than {k} people",
        _ => $"would isolate fewer than {k} people who answered in one period but not the other",
    };

    /// <summary>A figure's count, mean, 95% confidence interval (t) and people per band.</summary>
    private sealed record Summary(int N, double Mean, double? Lower, double? Upper, IReadOnlyDictionary<string, int> Bands)
    {
        /// <summary>Every figure's summary, by key.</summary>
        public static Dictionary<string, Summary> OfAll(InsightFigures current)
        {
            var quantiles = new Dictionary<int, double>(); // thousands of groups share a few sizes: each t quantile computed once
            var summaries = new Dictionary<string, Summary>(current.Figures.Count, StringComparer.Ordinal);
            foreach (var figure in current.Figures)
            {
                summaries[figure.Key] = Of(figure, current.Answers, quantiles);
            }
            return summaries;
        }

        /// <param name="quantiles">t quantiles (0.975) computed so far, by degrees of freedom.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Summary Of(Figure figure, AnswerBook answers, Dictionary<int, double> quantiles)
        {
            var n = figure.Answers.Length;
            var sum = 0.0;
            // Counted by band number and named once: a million answers would otherwise be a million dictionary updates.
            Span<int> counts = stackalloc int[answers.BandCount];
            foreach (var answer in figure.Answers)
            {
                sum += answers.Value(answer);
                counts[answers.BandNumber(answer)]++;
            }
            var bands = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var band = 0; band < counts.Length; band++)
            {
                if (counts[band] > 0 && answers.BandName(band) is { } name)
                {
                    bands[name] = counts[band];
                }
            }
            var mean = sum / n;
            double? lower = null, upper = null;
            if (n >= 2)
            {
                var squares = 0.0;
                foreach (var answer in figure.Answers)
                {
                    var d = answers.Value(answer) - mean;
                    squares += d * d;
                }
                var sd = Math.Sqrt(squares / (n - 1));
                if (!quantiles.TryGetValue(n - 1, out var t))
                {
                    quantiles[n - 1] = t = Tails.TQuantile(0.975, n - 1);
                }
                var half = t * sd / Math.Sqrt(n);
                (lower, upper) = (mean - half, mean + half);
            }
            return new Summary(n, mean, lower, upper, bands);
        }
    }
}
