using Hearth.Content.Instruments;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Content.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Measurements;

/// <summary>
/// A problem with one answer of a submitted form, keyed by the item's linkId so the form can show it beside
/// the item (empty for the response as a whole). <paramref name="Unscorable"/>: every answer is valid, but
/// too few to score by the instrument's missing-item rule.
/// </summary>
public sealed record AnswerProblem(string LinkId, string Message, bool Unscorable = false);

public sealed record SubmitResult(Measurement? Measurement, ScoredResponse? Scored, IReadOnlyList<AnswerProblem> Problems)
{
    public bool Succeeded => Measurement is not null;

    /// <summary>Valid answers, too few to score.</summary>
    public bool Unscorable => Problems.Count > 0 && Problems.All(p => p.Unscorable);

    public bool SafetyTriggered => Scored?.TriggeredSafetyRules.Count > 0;
}

/// <summary>
/// Records a person's answers to an instrument: checks every answer against the item's options,
/// scores it with the published key and stores answers, scores and safety flags together.
/// </summary>
public sealed class MeasurementService(HearthDbContext db, InstrumentCatalog catalog, TimeProvider clock, MeasurementSecrets secrets,
    IMeasurementStore? store = null, InstrumentChoicesCache? choicesCache = null)
{
    private readonly IMeasurementStore _store = store ?? new DirectMeasurementStore(db);

    /// <param name="requireAll">Forms require every item; the API accepts gaps within the missing-item rules.</param>
    public async Task<SubmitResult> SubmitAsync(string userId, string instrumentId, IReadOnlyDictionary<string, double?> answers, MeasurementKind kind, bool requireAll, CancellationToken cancellationToken = default)
    {
        var instrument = catalog.Find(instrumentId);
        if (instrument is null || !instrument.CanBeAdministered)
        {
            return new SubmitResult(null, null, [new AnswerProblem("", ProblemText.Get("Measurements.NotAnswerable", instrumentId))]);
        }
        if (!await IsInUseAsync(instrumentId, cancellationToken))
        {
            return new SubmitResult(null, null, [new AnswerProblem("", ProblemText.Get("Measurements.NotInUse", instrumentId))]);
        }

        var problems = new List<AnswerProblem>();
        foreach (var linkId in answers.Keys.Where(k => instrument.FindItem(k) is null))
        {
            problems.Add(new AnswerProblem(linkId, ProblemText.Get("Measurements.NoSuchItem", linkId)));
        }
        foreach (var item in instrument.Items)
        {
            var given = answers.TryGetValue(item.LinkId, out var v) ? v : null;
            var scale = instrument.FindScale(item.Scale)!;
            if (given is null)
            {
                if (requireAll)
                {
                    problems.Add(new AnswerProblem(item.LinkId, ProblemText.Get("Measurements.ChooseAnswer")));
                }
            }
            else if (!scale.Options.Any(o => o.Value == given))
            {
                problems.Add(new AnswerProblem(item.LinkId, ProblemText.Get("Measurements.NotAnAnswer")));
            }
        }
        if (problems.Count > 0)
        {
            return new SubmitResult(null, null, AtMost(problems));
        }

        // A measurement that its own missing-item rule cannot score would be stored with no score at all.
        foreach (var score in instrument.Scores)
        {
            var answered = score.Items.Count(linkId => answers.TryGetValue(linkId, out var a) && a is not null);
            var needed = MissingItemRules.MinAnswered(score);
            if (answered < needed)
            {
                problems.Add(new AnswerProblem("", answered == 1
                    ? ProblemText.Get("Measurements.TooFewAnsweredOne", score.Id, needed, score.Items.Count, answered)
                    : ProblemText.Get("Measurements.TooFewAnswered", score.Id, needed, score.Items.Count, answered),
                    Unscorable: true));
            }
        }
        if (problems.Count > 0)
        {
            return new SubmitResult(null, null, problems);
        }

        var scored = new InstrumentScorer(instrument).Score(answers);
        var measurement = new Measurement
        {
            UserId = userId,
            InstrumentId = instrument.Id,
            InstrumentVersion = instrument.Version,
            Kind = kind,
            SubmittedAt = clock.GetUtcNow(),
            AnswersJson = "",
            Scores = [.. scored.Scores.Select(s => new MeasurementScore { ScoreId = s.Score.Id, Value = s.Value, Band = s.Band?.Label })],
        };
        secrets.Seal(measurement, scored.Answers, scored.TriggeredSafetyRules.Select(r => r.Id));
        await _store.SaveAsync(measurement, cancellationToken);
        return new SubmitResult(measurement, scored, []);
    }

    /// <summary>The first problems and a count of the rest: a hostile body of many bad answers gets a short answer.</summary>
    public const int MaxProblemsReported = 20;

    private static List<AnswerProblem> AtMost(List<AnswerProblem> problems) =>
        problems.Count <= MaxProblemsReported ? problems
        : [.. problems.Take(MaxProblemsReported), new AnswerProblem("", $"and {problems.Count - MaxProblemsReported} more problems")];

    private async Task<bool> IsInUseAsync(string instrumentId, CancellationToken cancellationToken) =>
        (await ChoicesAsync(cancellationToken)).Enabled.Contains(instrumentId);

    /// <summary>The instruments the organisation uses (the one cached list every page and endpoint reads).</summary>
    public async Task<IReadOnlySet<string>> EnabledInstrumentsAsync(CancellationToken cancellationToken = default) =>
        (await ChoicesAsync(cancellationToken)).Enabled;

    /// <summary>The instrument the organisation uses as its check-in, if any.</summary>
    public async Task<string?> CheckInInstrumentAsync(CancellationToken cancellationToken = default) =>
        (await ChoicesAsync(cancellationToken)).CheckIn;

    /// <summary>From the app's cache when there is one (the web app), else straight from the database.</summary>
    private Task<UsedInstruments> ChoicesAsync(CancellationToken cancellationToken) =>
        choicesCache is null ? LoadChoicesAsync(cancellationToken) : choicesCache.GetAsync(() => LoadChoicesAsync(cancellationToken));

    private async Task<UsedInstruments> LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var enabled = await db.InstrumentChoices.AsNoTracking().Where(x => x.Enabled).Select(x => new { x.InstrumentId, x.InCheckIn }).ToListAsync(cancellationToken);
        return new UsedInstruments(new HashSet<string>(enabled.Select(x => x.InstrumentId)), enabled.FirstOrDefault(x => x.InCheckIn)?.InstrumentId);
    }
}
