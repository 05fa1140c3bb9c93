using Hearth.Content.Localization;

namespace Hearth.Content.Analysis;

/// <summary>Which columns of a long-format file hold what: the command line of <c>hearth analyze</c>.</summary>
public sealed record AnalysisDesign(string Subject, string Dv, IReadOnlyList<string> Within, IReadOnlyList<string> Between)
{
    public const int MaxBetween = 3;
    public const int MaxWithin = 3;

    public IEnumerable<string> Problems()
    {
        if (Within.Count is < 1 or > MaxWithin)
        {
            yield return ContentText.Get("Analysis.WithinCount", MaxWithin, Within.Count);
        }
        if (Between.Count > MaxBetween)
        {
            yield return ContentText.Get("Analysis.BetweenCount", MaxBetween, Between.Count);
        }
        var all = new[] { Subject, Dv }.Concat(Within).Concat(Between).ToList();
        foreach (var repeated in all.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return ContentText.Get("Analysis.RoleTwice", repeated.Key);
        }
    }
}
