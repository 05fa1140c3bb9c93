using System.Text.RegularExpressions;

namespace Hearth.Content.Instruments;

/// <summary>
/// Checks an instrument definition beyond its JSON shape and returns every problem at once, each
/// with the JSON path of the offending element. A definition with problems is never used.
/// </summary>
public static partial class InstrumentValidator
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ScoreIdPattern();

    [GeneratedRegex(@"^\d{1,7}-\d$")]
    private static partial Regex LoincPattern();

    // A band edge may sit a rounding error away from the range it must meet.
    private const double Tolerance = 1e-9;

    /// <summary>The largest magnitude an option value may have: far beyond any published scale, and exact in FHIR's decimal.</summary>
    public const double MaxOptionValue = 1e9;

    public static IReadOnlyList<ValidationProblem> Validate(InstrumentDefinition d, string file)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string message) => problems.Add(new ValidationProblem(file, path, message));

        // JSON null inside a list passes deserialisation; nothing after this point could cope with it.
        ReportNullElements(d, Add);
        if (problems.Count > 0)
        {
            return problems;
        }

        if (!IdPattern().IsMatch(d.Id))
        {
            Add("$.id", $"'{d.Id}' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'phq-9')");
        }
        RequireText(d.Version, "$.version", Add);
        RequireText(d.Title, "$.title", Add);
        RequireText(d.Citation, "$.citation", Add);
        RequireText(d.Licence.Terms, "$.licence.terms", Add);
        CheckLoinc(d.Loinc, "$.loinc", Add);

        if (d.Constructs.Count == 0)
        {
            Add("$.constructs", "at least one construct is required");
        }
        for (var i = 0; i < d.Constructs.Count; i++)
        {
            if (!Constructs.Known.Contains(d.Constructs[i]))
            {
                Add($"$.constructs[{i}]", $"unknown construct '{d.Constructs[i]}'; known: {string.Join(", ", Constructs.Known.Order())}");
            }
        }
        if (d.Languages.Count == 0)
        {
            Add("$.languages", "at least one language is required");
        }

        ValidateScales(d, Add);
        ValidateItems(d, Add);
        ValidateScores(d, Add);
        ValidateSafetyRules(d, Add);
        return problems;
    }

    private static void ValidateScales(InstrumentDefinition d, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < d.ResponseScales.Count; s++)
        {
            var scale = d.ResponseScales[s];
            var path = $"$.responseScales[{s}]";
            if (!seen.Add(scale.Id))
            {
                add($"{path}.id", $"duplicate response scale id '{scale.Id}'");
            }
            if (scale.Options.Count < 2)
            {
                add($"{path}.options", "a response scale needs at least two options");
            }
            var values = new HashSet<double>();
            for (var o = 0; o < scale.Options.Count; o++)
            {
                var option = scale.Options[o];
                RequireText(option.Label, $"{path}.options[{o}].label", add);
                if (option.Value is { } v)
                {
                    if (!double.IsFinite(v) || Math.Abs(v) > MaxOptionValue)
                    {
                        add($"{path}.options[{o}].value", $"the value must be a number between −{MaxOptionValue:0} and {MaxOptionValue:0}");
                    }
                    else if (!values.Add(v))
                    {
                        add($"{path}.options[{o}].value", $"value {NumberText.Format(v)} is used by another option of this scale");
                    }
                }
            }
        }
    }

    private static void ValidateItems(InstrumentDefinition d, Action<string, string> add)
    {
        if (d.Items.Count == 0)
        {
            add("$.items", "an instrument needs at least one item");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keyOnly = d.Licence.Kind == LicenceKind.LicenceRequired;
        for (var i = 0; i < d.Items.Count; i++)
        {
            var item = d.Items[i];
            var path = $"$.items[{i}]";
            if (!seen.Add(item.LinkId))
            {
                add($"{path}.linkId", $"duplicate linkId '{item.LinkId}'");
            }
            else if (item.LinkId != (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                add($"{path}.linkId", $"linkId '{item.LinkId}' should be '{i + 1}': linkIds are the item numbers in published order");
            }
            if (!keyOnly && string.IsNullOrWhiteSpace(item.Text))
            {
                add($"{path}.text", "item text is required (only licence-required instruments ship as key-only)");
            }
            CheckLoinc(item.Loinc, $"{path}.loinc", add);
            var scale = d.FindScale(item.Scale);
            if (scale is null)
            {
                add($"{path}.scale", $"unknown response scale '{item.Scale}'");
            }
            else if (item.Reverse && !ScoreRange.ScaleBounds(scale, out _, out _))
            {
                add($"{path}.reverse", $"item '{item.LinkId}' is reverse-keyed but its scale '{scale.Id}' is not numeric");
            }
        }
    }

    private static void ValidateScores(InstrumentDefinition d, Action<string, string> add)
    {
        if (d.Scores.Count == 0)
        {
            add("$.scores", "an instrument needs at least one score");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < d.Scores.Count; s++)
        {
            var score = d.Scores[s];
            var path = $"$.scores[{s}]";
            if (!ScoreIdPattern().IsMatch(score.Id))
            {
                add($"{path}.id", $"'{score.Id}' is not a valid score id: use lowercase letters, digits and underscores");
            }
            if (!seen.Add(score.Id))
            {
                add($"{path}.id", $"duplicate score id '{score.Id}'");
            }
            RequireText(score.Title, $"{path}.title", add);
            CheckLoinc(score.Loinc, $"{path}.loinc", add);

            if (score.Items.Count == 0)
            {
                add($"{path}.items", "a score needs at least one item");
            }
            var inScore = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < score.Items.Count; i++)
            {
                var linkId = score.Items[i];
                var item = d.FindItem(linkId);
                if (item is null)
                {
                    add($"{path}.items[{i}]", $"unknown item '{linkId}'");
                }
                else if (!inScore.Add(linkId))
                {
                    add($"{path}.items[{i}]", $"item '{linkId}' is listed twice");
                }
                else if (d.FindScale(item.Scale) is { } scale && !ScoreRange.ScaleBounds(scale, out _, out _))
                {
                    add($"{path}.items[{i}]", $"item '{linkId}' has a non-numeric scale '{scale.Id}' and cannot be scored");
                }
            }

            if (!Enum.IsDefined(score.Method))
            {
                add($"{path}.method", "the method must be one of sum, mean, linear");
            }
            if (score.Method == ScoreMethod.Linear)
            {
                if (score.Transform is null)
                {
                    add($"{path}.transform", "method 'linear' needs a transform (base, multiply, add)");
                }
                else if (score.Transform.Base is not (ScoreMethod.Sum or ScoreMethod.Mean))
                {
                    add($"{path}.transform.base", "the base of a linear transform must be 'sum' or 'mean'");
                }
                else if (score.Transform.Multiply == 0 || !double.IsFinite(score.Transform.Multiply) || !double.IsFinite(score.Transform.Add))
                {
                    add($"{path}.transform", "multiply must be a non-zero finite number and add finite");
                }
            }
            else if (score.Transform is not null)
            {
                add($"{path}.transform", $"a transform only applies to method 'linear', not '{score.Method.ToString().ToLowerInvariant()}'");
            }

            if (score.Missing is { } missing && (missing.MinAnswered < 1 || missing.MinAnswered > score.Items.Count))
            {
                add($"{path}.missing.minAnswered", $"minAnswered must be between 1 and the score's {score.Items.Count} items, not {missing.MinAnswered}");
            }

            var range = ScoreRange.Of(score, d);
            ValidatePublishedEvidence(d, score, range, path, add);
            ValidateBands(score, range, path, add);
        }
    }

    private static void ValidateBands(ScoreDefinition score, ScoreRange? range, string path, Action<string, string> add)
    {
        if (score.Bands.Count == 0)
        {
            return;
        }
        // Without a range (an item of the score is unknown, reported above) the bands are still checked against each other.
        var r = range ?? new ScoreRange(double.NegativeInfinity, double.PositiveInfinity);
        for (var b = 0; b < score.Bands.Count; b++)
        {
            var band = score.Bands[b];
            var bandPath = $"{path}.bands[{b}]";
            RequireText(band.Label, $"{bandPath}.label", add);
            if (band.Min >= band.Max)
            {
                add(bandPath, $"band '{band.Label}' is empty or inverted: min {NumberText.Format(band.Min)} is not below max {NumberText.Format(band.Max)}");
            }
            if (range is not null && (band.Min < r.Min - Tolerance || band.Max > r.Max + Tolerance))
            {
                add(bandPath, $"band '{band.Label}' ({NumberText.Format(band.Min)}–{NumberText.Format(band.Max)}) lies outside the score's range {NumberText.Format(r.Min)}–{NumberText.Format(r.Max)}");
            }
            if (range is not null && b == 0 && band.Min > r.Min + Tolerance)
            {
                add($"{bandPath}.min", $"gap: scores from {NumberText.Format(r.Min)} to {NumberText.Format(band.Min)} fall in no band (the first band must start at the lowest score, {NumberText.Format(r.Min)})");
            }
            if (b > 0)
            {
                var previous = score.Bands[b - 1];
                if (band.Min > previous.Max + Tolerance)
                {
                    add($"{bandPath}.min", $"gap: scores from {NumberText.Format(previous.Max)} to {NumberText.Format(band.Min)} fall between bands '{previous.Label}' and '{band.Label}'");
                }
                else if (band.Min < previous.Max - Tolerance)
                {
                    add($"{bandPath}.min", $"overlap: band '{band.Label}' starts at {NumberText.Format(band.Min)}, before band '{previous.Label}' ends at {NumberText.Format(previous.Max)}");
                }
            }
            if (range is not null && b == score.Bands.Count - 1 && band.Max < r.Max - Tolerance)
            {
                add($"{bandPath}.max", $"gap: scores from {NumberText.Format(band.Max)} to {NumberText.Format(r.Max)} fall in no band (the last band must end at the highest score, {NumberText.Format(r.Max)})");
            }
        }
    }

    private static void ValidateSafetyRules(InstrumentDefinition d, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < d.SafetyRules.Count; s++)
        {
            var rule = d.SafetyRules[s];
            var path = $"$.safetyRules[{s}]";
            if (!IdPattern().IsMatch(rule.Id))
            {
                add($"{path}.id", $"'{rule.Id}' is not a valid safety rule id: use lowercase letters, digits and single hyphens");
            }
            if (!Enum.IsDefined(rule.Operator))
            {
                add($"{path}.operator", "the operator must be one of gt, gte, eq, lte, lt");
            }
            if (!seen.Add(rule.Id))
            {
                add($"{path}.id", $"duplicate safety rule id '{rule.Id}'");
            }
            var item = d.FindItem(rule.Item);
            if (item is null)
            {
                add($"{path}.item", $"unknown item '{rule.Item}'");
                continue;
            }
            if (d.FindScale(item.Scale) is { } scale && ScoreRange.ScaleBounds(scale, out var min, out var max)
                && (rule.Value < min || rule.Value > max))
            {
                add($"{path}.value", $"{NumberText.Format(rule.Value)} is outside item '{rule.Item}''s scale {NumberText.Format(min)}–{NumberText.Format(max)}");
            }
        }
    }

    private static void ReportNullElements(InstrumentDefinition d, Action<string, string> add)
    {
        void Check<T>(IReadOnlyList<T?>? list, string path)
        {
            if (list is null)
            {
                add(path, "must be a list, not null");
                return;
            }
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    add($"{path}[{i}]", "null is not allowed here");
                }
            }
        }

        Check(d.Constructs, "$.constructs");
        Check(d.Languages, "$.languages");
        Check(d.ResponseScales, "$.responseScales");
        Check(d.Items, "$.items");
        Check(d.Scores, "$.scores");
        Check(d.SafetyRules, "$.safetyRules");
        for (var s = 0; s < (d.ResponseScales?.Count ?? 0); s++)
        {
            Check(d.ResponseScales![s]?.Options, $"$.responseScales[{s}].options");
        }
        for (var s = 0; s < (d.Scores?.Count ?? 0); s++)
        {
            Check(d.Scores![s]?.Items, $"$.scores[{s}].items");
            Check(d.Scores![s]?.Bands, $"$.scores[{s}].bands");
        }
        if (!Enum.IsDefined(d.Licence.Kind))
        {
            add("$.licence.kind", "the licence kind must be one of public-domain, free-with-attribution, free-non-commercial, licence-required");
        }
    }

    private static void RequireText(string? value, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(path, "a value is required");
        }
    }

    private static void CheckLoinc(string? code, string path, Action<string, string> add)
    {
        if (code is not null && !LoincPattern().IsMatch(code))
        {
            add(path, $"'{code}' is not a LOINC code (digits, a hyphen, a check digit: '44249-1')");
        }
    }
}
