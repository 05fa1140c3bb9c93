using System.Globalization;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The order of a stepped wedge's periods: natural numeric order when every label is a number, so that
/// 1, 2, …, 10 or months 0, 3, 6, 12 come in time order whatever order the rows are in (R's
/// <c>factor()</c> of a numeric column does the same); otherwise the order of first appearance, the
/// convention of the rest of Hearth (labels such as "baseline", "spring" carry no order a sort could find).
/// </summary>
internal static class PeriodOrder
{
    public static IReadOnlyList<string> Of(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        var values = new double[distinct.Count];
        for (var i = 0; i < distinct.Count; i++)
        {
            if (!double.TryParse(distinct[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                return distinct;
            }
        }
        // OrderBy is stable: labels of equal value ("1", "1.0") keep their order of appearance.
        return [.. distinct.Select((label, i) => (label, value: values[i])).OrderBy(x => x.value).Select(x => x.label)];
    }
}
