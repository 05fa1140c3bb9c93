using Hearth.Content.Instruments;

namespace Hearth.Content.Scoring;

/// <summary>
/// Scores responses to one instrument exactly as its key says. The definition is compiled once into
/// flat arrays so that scoring a million respondents costs no allocation per answer.
/// Answers are the published values of the chosen options, before reverse keying; NaN means missing.
/// </summary>
public sealed class InstrumentScorer
{
    private readonly double[] _itemMin;
    private readonly double[] _itemMax;
    private readonly bool[] _reverse;
    private readonly double[][] _allowed;
    /// <summary>Per item, bit v set when the whole number v (0–63) is an option's value.</summary>
    private readonly ulong[] _allowedSmall;
    private readonly CompiledScore[] _scores;
    private readonly (int Item, SafetyRule Rule)[] _safety;
    private readonly Dictionary<string, int> _itemIndex;

    private sealed record CompiledScore(ScoreDefinition Definition, int[] Items, bool Mean, double Multiply, double Add, int MinAnswered, bool RoundProrated, ScoreBand[] Bands);

    /// <param name="instrument">A definition that passed <see cref="InstrumentValidator"/>.</param>
    public InstrumentScorer(InstrumentDefinition instrument)
    {
        Instrument = instrument;
        var n = instrument.Items.Count;
        _itemMin = new double[n];
        _itemMax = new double[n];
        _reverse = new bool[n];
        _allowed = new double[n][];
        _allowedSmall = new ulong[n];
        _itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var item = instrument.Items[i];
            _itemIndex[item.LinkId] = i;
            var scale = instrument.FindScale(item.Scale)
                ?? throw new InvalidOperationException($"{instrument.Id}: item {item.LinkId} names unknown scale '{item.Scale}'");
            _allowed[i] = [.. scale.Options.Where(o => o.Value.HasValue).Select(o => o.Value!.Value)];
            foreach (var value in _allowed[i].Where(v => v is >= 0 and < 64 && v == (int)v))
            {
                _allowedSmall[i] |= 1UL << (int)value;
            }
            if (ScoreRange.ScaleBounds(scale, out var min, out var max))
            {
                _itemMin[i] = min;
                _itemMax[i] = max;
            }
            _reverse[i] = item.Reverse;
        }

        _scores = [.. instrument.Scores.Select(s => new CompiledScore(
            s,
            [.. s.Items.Select(linkId => _itemIndex[linkId])],
            (s.Method == ScoreMethod.Linear ? s.Transform!.Base : s.Method) == ScoreMethod.Mean,
            s.Method == ScoreMethod.Linear ? s.Transform!.Multiply : 1,
            s.Method == ScoreMethod.Linear ? s.Transform!.Add : 0,
            MissingItemRules.MinAnswered(s),
            s.Missing?.RoundProrated == true,
            [.. s.Bands]))];
        _safety = [.. instrument.SafetyRules.Select(r => (_itemIndex[r.Item], r))];
    }

    public InstrumentDefinition Instrument { get; }

    public int ItemCount => _itemMin.Length;

    public int ScoreCount => _scores.Length;

    public int SafetyRuleCount => _safety.Length;

    public ScoreDefinition ScoreAt(int index) => _scores[index].Definition;

    public SafetyRule SafetyRuleAt(int index) => _safety[index].Rule;

    /// <summary>The position of an item in answer arrays, or -1 when the instrument has no such linkId.</summary>
    public int IndexOf(string linkId) => _itemIndex.TryGetValue(linkId, out var i) ? i : -1;

    /// <summary>True when <paramref name="value"/> is the value of one of the item's options.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsAllowed(int item, double value)
    {
        // Nearly every option value is a small whole number: one bit test, thirty times a respondent.
        if (value is >= 0 and < 64 && value == (int)value)
        {
            return ((_allowedSmall[item] >> (int)value) & 1) != 0;
        }
        return IsAllowedOther(item, value);
    }

    private bool IsAllowedOther(int item, double value)
    {
        foreach (var allowed in _allowed[item])
        {
            if (allowed == value)
            {
                return true;
            }
        }
        return false;
    }

    public string DescribeAllowed(int item) =>
        string.Join(", ", _allowed[item].Select(NumberText.Format));

    /// <summary>Fills <paramref name="values"/> (one per score; NaN when not scorable) from answers (one per item; NaN when missing).</summary>
    public void Score(ReadOnlySpan<double> answers, Span<double> values)
    {
        for (var s = 0; s < _scores.Length; s++)
        {
            var score = _scores[s];
            double sum = 0;
            var answered = 0;
            foreach (var i in score.Items)
            {
                var a = answers[i];
                if (double.IsNaN(a))
                {
                    continue;
                }
                sum += _reverse[i] ? _itemMin[i] + _itemMax[i] - a : a;
                answered++;
            }
            if (answered < score.MinAnswered || answered == 0)
            {
                values[s] = double.NaN;
                continue;
            }
            // A sum with missing items is prorated from the mean of the answered ones.
            var aggregate = score.Mean ? sum / answered
                : answered == score.Items.Length ? sum
                : score.RoundProrated ? Math.Round(sum * score.Items.Length / answered, MidpointRounding.AwayFromZero)
                : sum * score.Items.Length / answered;
            values[s] = aggregate * score.Multiply + score.Add;
        }
    }

    /// <summary>The band a value falls in: min ≤ value &lt; max, the last band including its max. Null outside every band.</summary>
    public ScoreBand? BandOf(int score, double value) =>
        BandIndexOf(score, value) is var b and >= 0 ? _scores[score].Bands[b] : null;

    /// <summary>The position of the value's band in the score's band list, or -1.</summary>
    public int BandIndexOf(int score, double value)
    {
        var bands = _scores[score].Bands;
        for (var b = 0; b < bands.Length; b++)
        {
            var band = bands[b];
            if (value >= band.Min && (value < band.Max || (b == bands.Length - 1 && value <= band.Max)))
            {
                return b;
            }
        }
        return -1;
    }

    public bool IsTriggered(int rule, ReadOnlySpan<double> answers)
    {
        var (item, definition) = _safety[rule];
        var a = answers[item];
        return !double.IsNaN(a) && definition.IsTriggeredBy(a);
    }

    /// <summary>Scores one response given as linkId → published value. Unknown linkIds and values off the scale are rejected.</summary>
    public ScoredResponse Score(IReadOnlyDictionary<string, double?> answers)
    {
        var values = new double[ItemCount];
        Array.Fill(values, double.NaN);
        var kept = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (linkId, value) in answers)
        {
            var i = IndexOf(linkId);
            if (i < 0)
            {
                throw new ArgumentException($"{Instrument.Id} has no item '{linkId}'", nameof(answers));
            }
            if (value is not { } v)
            {
                continue;
            }
            if (!IsAllowed(i, v))
            {
                throw new ArgumentException($"{Instrument.Id} item '{linkId}': {NumberText.Format(v)} is not one of its answers ({DescribeAllowed(i)})", nameof(answers));
            }
            values[i] = v;
            kept[linkId] = v;
        }

        var scores = new double[ScoreCount];
        Score(values, scores);
        var results = new List<ScoreValue>(ScoreCount);
        for (var s = 0; s < ScoreCount; s++)
        {
            var answered = _scores[s].Items.Count(i => !double.IsNaN(values[i]));
            results.Add(double.IsNaN(scores[s])
                ? new ScoreValue(ScoreAt(s), null, null, answered)
                : new ScoreValue(ScoreAt(s), scores[s], BandOf(s, scores[s]), answered));
        }
        var triggered = Enumerable.Range(0, SafetyRuleCount).Where(r => IsTriggered(r, values)).Select(SafetyRuleAt).ToList();
        return new ScoredResponse(Instrument, kept, results, triggered);
    }
}
