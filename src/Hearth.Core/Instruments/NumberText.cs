using System.Globalization;

namespace Hearth.Core.Instruments;

/// <summary>Numbers as people read them in messages: invariant culture, no trailing zeros.</summary>
public static class NumberText
{
    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
