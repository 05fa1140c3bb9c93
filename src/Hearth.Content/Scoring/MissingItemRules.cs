using Hearth.Content.Instruments;

namespace Hearth.Content.Scoring;

/// <summary>How many answered items a score needs when its instrument publishes no rule of its own.</summary>
public static class MissingItemRules
{
    /// <summary>
    /// Project default: at least 80% of the items (rounded up), the rest prorated from the mean of
    /// the answered ones; a short scale (six items or fewer) needs every item, because one missing
    /// answer there is too large a share of the information.
    /// </summary>
    public static int DefaultMinAnswered(int itemCount) =>
        itemCount <= 6 ? itemCount : (int)Math.Ceiling(0.8 * itemCount - 1e-9);

    public static int MinAnswered(ScoreDefinition score) =>
        score.Missing?.MinAnswered ?? DefaultMinAnswered(score.Items.Count);
}
