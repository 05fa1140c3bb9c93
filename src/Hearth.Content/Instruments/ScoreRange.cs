namespace Hearth.Content.Instruments;

/// <summary>The lowest and highest value a score can take, derived from its items' response scales.</summary>
public readonly record struct ScoreRange(double Min, double Max)
{
    /// <summary>
    /// Sum: Σ item minimum … Σ item maximum (a prorated sum stays inside it). Mean: the lowest item
    /// minimum … the highest item maximum. Linear: the base range transformed.
    /// Returns null when an item is unknown or its scale is not numeric; the validator reports those.
    /// </summary>
    public static ScoreRange? Of(ScoreDefinition score, InstrumentDefinition instrument)
    {
        var bounds = new List<(double Min, double Max)>();
        foreach (var linkId in score.Items)
        {
            var scale = instrument.FindItem(linkId) is { } item ? instrument.FindScale(item.Scale) : null;
            if (scale is null || !ScaleBounds(scale, out var min, out var max))
            {
                return null;
            }
            bounds.Add((min, max));
        }
        if (bounds.Count == 0)
        {
            return null;
        }

        var baseMethod = score.Method == ScoreMethod.Linear ? score.Transform?.Base ?? ScoreMethod.Sum : score.Method;
        var range = baseMethod == ScoreMethod.Mean
            ? new ScoreRange(bounds.Min(b => b.Min), bounds.Max(b => b.Max))
            : new ScoreRange(bounds.Sum(b => b.Min), bounds.Sum(b => b.Max));
        if (score.Method != ScoreMethod.Linear || score.Transform is not { } t)
        {
            return range;
        }
        var a = range.Min * t.Multiply + t.Add;
        var b = range.Max * t.Multiply + t.Add;
        return new ScoreRange(Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>The smallest and largest option value; false when any option has no numeric value.</summary>
    public static bool ScaleBounds(ResponseScale scale, out double min, out double max)
    {
        min = double.PositiveInfinity;
        max = double.NegativeInfinity;
        foreach (var option in scale.Options)
        {
            if (option.Value is not { } v)
            {
                return false;
            }
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return scale.Options.Count > 0;
    }
}
