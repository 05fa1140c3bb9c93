using System.Globalization;

namespace Hearth.Content.Analysis;

/// <summary>Numbers as APA style (7th ed.) prints them in results tables.</summary>
public static class ApaFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Two decimals: statistics such as F, t, means.</summary>
    public static string Stat(double value) => double.IsFinite(value) ? value.ToString("0.00", Invariant) : "—";

    /// <summary>Degrees of freedom: whole numbers plain, corrected ones with two decimals.</summary>
    public static string Df(double value) => value == Math.Floor(value) ? value.ToString("0", Invariant) : value.ToString("0.00", Invariant);

    /// <summary>p without a leading zero, three decimals, "&lt; .001" below that.</summary>
    public static string P(double p) => !double.IsFinite(p) ? "—" : p < 0.001 ? "< .001" : NoLeadingZero(p.ToString("0.000", Invariant));

    /// <summary>Quantities bounded by 1 (η², ε, W): no leading zero, three decimals.</summary>
    public static string Proportion(double value) => double.IsFinite(value) ? NoLeadingZero(value.ToString("0.000", Invariant)) : "—";

    private static string NoLeadingZero(string s) => s.StartsWith("0.", StringComparison.Ordinal) ? s[1..] : s.StartsWith("-0.", StringComparison.Ordinal) ? "-" + s[2..] : s;
}
