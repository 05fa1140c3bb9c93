using Hearth.Content.Analysis;
using Hearth.Content.Instruments;

namespace Hearth.Content.Evaluation;

/// <summary>
/// The order of time levels as people mean it: when every level is a number, by value (−1 before 2.5
/// before 10); otherwise naturally (<see cref="NaturalOrder"/>: digit runs by value, so 2026-2 comes before
/// 2026-10 and month-2 before month-10, while zero-padded ISO dates such as 2026-03-01 keep their text order).
/// </summary>
public static class TimeOrder
{
    public static string[] Sort(IEnumerable<string> levels)
    {
        var all = levels.ToList();
        var numbers = new double[all.Count];
        var numeric = true;
        for (var i = 0; i < all.Count && numeric; i++)
        {
            numeric = NumberText.TryParse(all[i], out numbers[i]);
        }
        if (numeric)
        {
            // Equal values written differently (2 and 2.0) keep a fixed order by their text.
            return [.. all.Select((level, i) => (level, value: numbers[i])).OrderBy(x => x.value).ThenBy(x => x.level, StringComparer.Ordinal).Select(x => x.level)];
        }
        return [.. all.Order(Comparer<string>.Create((a, b) => NaturalOrder.Compare(a, b)))];
    }
}
