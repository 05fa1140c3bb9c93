namespace Hearth.Content.Instruments;

/// <summary>
/// An organisation's licensed copy of an instrument that Hearth ships as a scoring key only. The copy
/// supplies the item text; it must keep the published key exactly (same items, scales, reverse keys
/// and scores), so that a copy cannot quietly change how the instrument is scored.
/// </summary>
public static class LicensedCopy
{
    public static IReadOnlyList<ValidationProblem> Check(InstrumentDefinition key, InstrumentDefinition copy, string file)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string message) => problems.Add(new ValidationProblem(file, path, message));

        if (copy.Licence.Kind != LicenceKind.LicenceRequired)
        {
            Add("$.licence.kind", $"a licensed copy of '{key.Id}' keeps the licence kind 'licence-required'");
        }
        if (copy.Items.Count != key.Items.Count)
        {
            Add("$.items", $"'{key.Id}' has {key.Items.Count} items; the copy has {copy.Items.Count}");
            return problems;
        }
        for (var i = 0; i < key.Items.Count; i++)
        {
            var (k, c) = (key.Items[i], copy.Items[i]);
            if (string.IsNullOrWhiteSpace(c.Text))
            {
                Add($"$.items[{i}].text", "a licensed copy must give the text of every item");
            }
            if (c.Reverse != k.Reverse)
            {
                Add($"$.items[{i}].reverse", $"item '{k.LinkId}' is {(k.Reverse ? "" : "not ")}reverse-keyed in the published key");
            }
            if (!SameValues(key.FindScale(k.Scale), copy.FindScale(c.Scale)))
            {
                Add($"$.items[{i}].scale", $"item '{k.LinkId}' must keep the published response values");
            }
        }
        foreach (var keyScore in key.Scores)
        {
            var index = copy.Scores.ToList().FindIndex(s => s.Id == keyScore.Id);
            if (index < 0)
            {
                Add("$.scores", $"score '{keyScore.Id}' of the published key is missing");
                continue;
            }
            var copyScore = copy.Scores[index];
            if (!copyScore.Items.SequenceEqual(keyScore.Items) || copyScore.Method != keyScore.Method
                || copyScore.Transform != keyScore.Transform
                || Scoring.MissingItemRules.MinAnswered(copyScore) != Scoring.MissingItemRules.MinAnswered(keyScore)
                || (copyScore.Missing?.RoundProrated == true) != (keyScore.Missing?.RoundProrated == true))
            {
                Add($"$.scores[{index}]", $"score '{keyScore.Id}' must keep the published items, method and missing-item rule");
            }
            if (copyScore.HigherIsBetter != keyScore.HigherIsBetter || !SameJson(copyScore.Bands, keyScore.Bands))
            {
                Add($"$.scores[{index}].bands", $"score '{keyScore.Id}' must keep the published bands and direction");
            }
        }
        if (!SameJson(copy.SafetyRules, key.SafetyRules))
        {
            Add("$.safetyRules", "a licensed copy must keep the published safety rules");
        }
        return problems;
    }

    private static bool SameJson<T>(T a, T b) =>
        InstrumentJson.Serialize(a) == InstrumentJson.Serialize(b);

    private static bool SameValues(ResponseScale? a, ResponseScale? b) =>
        a is not null && b is not null && a.Options.Select(o => o.Value).SequenceEqual(b.Options.Select(o => o.Value));
}
