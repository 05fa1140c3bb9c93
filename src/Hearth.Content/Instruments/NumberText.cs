using System.Globalization;

namespace Hearth.Content.Instruments;

/// <summary>Numbers in Hearth's text formats: printed as people read them, parsed invariantly and fast.</summary>
public static class NumberText
{
    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses plain decimals ("-12.5") exactly and fast: with at most 15 significant digits and 22
    /// decimals, mantissa / 10^d is a single correctly rounded division, the same double the general
    /// parser returns (Clinger 1990). Anything else goes to the general parser.
    /// </summary>
    /// <param name="decimalComma">Also take a comma as the decimal separator ("12,5"), as spreadsheets in many locales write it.</param>
    public static bool TryParse(ReadOnlySpan<char> s, out double value, bool decimalComma = false) =>
        TryParsePlain(s, decimalComma, out value) ?? General(s, decimalComma, out value);

    /// <summary>
    /// The same, on UTF-8 text as it lies in a file, without decoding it first: the same digits give the same
    /// double. Only ASCII can be a number; anything else is refused here, not guessed at.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> s, out double value, bool decimalComma = false) =>
        TryParsePlain(s, decimalComma, out value) ?? GeneralAscii(s, decimalComma, out value);

    /// <summary>
    /// The fast path over characters or UTF-8 bytes alike (both are code units, and digits, signs and separators
    /// are ASCII in both): the number, or null when the text needs the general parser.
    /// </summary>
    private static bool? TryParsePlain<TUnit>(ReadOnlySpan<TUnit> s, bool decimalComma, out double value)
        where TUnit : unmanaged, System.Numerics.IBinaryInteger<TUnit>
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && int.CreateTruncating(s[0]) is '-' or '+')
        {
            negative = int.CreateTruncating(s[0]) == '-';
            i = 1;
        }
        long mantissa = 0;
        var digits = 0;
        var decimals = -1;
        for (; i < s.Length; i++)
        {
            var c = int.CreateTruncating(s[i]);
            if ((c == '.' || (decimalComma && c == ',')) && decimals < 0)
            {
                decimals = 0;
                continue;
            }
            if (c is < '0' or > '9' || digits >= 15)
            {
                return null;
            }
            mantissa = mantissa * 10 + (c - '0');
            digits++;
            if (decimals >= 0)
            {
                decimals++;
            }
        }
        if (digits == 0 || decimals > 22)
        {
            return null;
        }
        value = decimals > 0 ? mantissa / PowersOf10[decimals] : mantissa;
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    private static bool GeneralAscii(ReadOnlySpan<byte> s, bool decimalComma, out double value)
    {
        value = 0;
        if (!System.Text.Ascii.IsValid(s))
        {
            return false;
        }
        Span<char> chars = s.Length <= 128 ? stackalloc char[s.Length] : new char[s.Length];
        System.Text.Ascii.ToUtf16(s, chars, out _);
        return General(chars, decimalComma, out value);
    }

    private static bool General(ReadOnlySpan<char> s, bool decimalComma, out double value)
    {
        if (decimalComma && s.Contains(','))
        {
            Span<char> copy = s.Length <= 64 ? stackalloc char[s.Length] : new char[s.Length];
            s.CopyTo(copy);
            copy.Replace(',', '.');
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static readonly double[] PowersOf10 = [.. Enumerable.Range(0, 23).Select(e => Math.Pow(10, e))];
}
