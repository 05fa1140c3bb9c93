using System.Globalization;

namespace Hearth.Content.Instruments;

/// <summary>Reads translation files and checks each against the instrument it translates.</summary>
public static class InstrumentTranslations
{
    /// <summary>The folder beside the instrument files (shipped or licensed) that holds translations.</summary>
    public const string Folder = "translations";

    public static (InstrumentTranslation? Translation, IReadOnlyList<ValidationProblem> Problems) Parse(string json, string file)
    {
        var (translation, problem) = InstrumentJson.Parse<InstrumentTranslation>(json, file);
        return (translation, problem is null ? [] : [problem]);
    }

    /// <summary>
    /// Every way the translation does not fit its instrument: an item or answer missing, left empty or
    /// not in the instrument, a band the score does not have, no source, a language tag that is not one.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> Check(InstrumentDefinition instrument, InstrumentTranslation translation, string file)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string message) => problems.Add(new ValidationProblem(file, path, message));

        if (translation.Instrument != instrument.Id)
        {
            Add("$.instrument", $"this translates '{translation.Instrument}', not '{instrument.Id}'");
        }
        if (!LanguageTag.IsValid(translation.Language))
        {
            Add("$.language", $"'{translation.Language}' is not a language tag such as ru or es-US");
        }
        else if (instrument.Languages.Contains(translation.Language, StringComparer.OrdinalIgnoreCase))
        {
            Add("$.language", $"'{instrument.Id}' is already written in '{translation.Language}'");
        }
        if (string.IsNullOrWhiteSpace(translation.Title))
        {
            Add("$.title", "a value is required");
        }
        if (string.IsNullOrWhiteSpace(translation.Source))
        {
            Add("$.source", "say where the validated translation comes from");
        }
        if (string.IsNullOrWhiteSpace(translation.Licence.Terms))
        {
            Add("$.licence.terms", "give the translation's licence terms");
        }
        if (!string.IsNullOrEmpty(instrument.Instructions) && string.IsNullOrWhiteSpace(translation.Instructions))
        {
            Add("$.instructions", $"'{instrument.Id}' has instructions; translate them");
        }

        foreach (var item in instrument.Items)
        {
            if (!translation.Items.TryGetValue(item.LinkId, out var text))
            {
                Add($"$.items['{item.LinkId}']", $"item {item.LinkId} of '{instrument.Id}' has no translation");
            }
            else if (string.IsNullOrWhiteSpace(text))
            {
                Add($"$.items['{item.LinkId}']", "the text is empty");
            }
        }
        foreach (var extra in translation.Items.Keys.Where(k => instrument.FindItem(k) is null))
        {
            Add($"$.items['{extra}']", $"'{instrument.Id}' has no item '{extra}'");
        }

        foreach (var scale in instrument.ResponseScales.Where(s => instrument.Items.Any(i => i.Scale == s.Id)))
        {
            if (!translation.Options.TryGetValue(scale.Id, out var labels))
            {
                Add($"$.options['{scale.Id}']", $"the answers of scale '{scale.Id}' have no translation");
                continue;
            }
            var values = scale.Options.Select(o => ValueKey(o.Value)).ToList();
            foreach (var value in values.Where(v => !labels.TryGetValue(v, out var label) || string.IsNullOrWhiteSpace(label)))
            {
                Add($"$.options['{scale.Id}']['{value}']", $"the answer worth {value} has no translation");
            }
            foreach (var extra in labels.Keys.Except(values))
            {
                Add($"$.options['{scale.Id}']['{extra}']", $"scale '{scale.Id}' has no answer worth '{extra}'");
            }
        }
        foreach (var extra in translation.Options.Keys.Where(k => instrument.FindScale(k) is null))
        {
            Add($"$.options['{extra}']", $"'{instrument.Id}' has no response scale '{extra}'");
        }

        foreach (var (scoreId, bands) in translation.Bands)
        {
            if (instrument.Scores.FirstOrDefault(s => s.Id == scoreId) is not { } score)
            {
                Add($"$.bands['{scoreId}']", $"'{instrument.Id}' has no score '{scoreId}'");
                continue;
            }
            foreach (var (label, text) in bands)
            {
                if (score.Bands.All(b => b.Label != label))
                {
                    Add($"$.bands['{scoreId}']['{label}']", $"score '{scoreId}' has no band '{label}' ({string.Join(", ", score.Bands.Select(b => b.Label))})");
                }
                else if (string.IsNullOrWhiteSpace(text.Label))
                {
                    Add($"$.bands['{scoreId}']['{label}'].label", "the label is empty");
                }
            }
        }
        return problems;
    }

    /// <summary>How an answer's value is written as a key: invariant, no needless decimals ("0", "2.5").</summary>
    public static string ValueKey(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The questionnaire with the translation's words in place of the original's: same ids, values, keys and rules.</summary>
    public static InstrumentDefinition Apply(InstrumentDefinition instrument, InstrumentTranslation translation) => instrument with
    {
        Title = translation.Title,
        Instructions = translation.Instructions ?? instrument.Instructions,
        Items = [.. instrument.Items.Select(i => i with { Text = translation.Items.GetValueOrDefault(i.LinkId, i.Text ?? "") })],
        ResponseScales = [.. instrument.ResponseScales.Select(s => translation.Options.TryGetValue(s.Id, out var labels)
            ? s with { Options = [.. s.Options.Select(o => o with { Label = labels.GetValueOrDefault(ValueKey(o.Value), o.Label) })] }
            : s)],
    };
}
