namespace Hearth.Content.Analysis;

/// <summary>
/// Natural ordering of identifiers: runs of digits compare by numeric value, everything else by
/// ordinal character, so s2 &lt; s10 and r007 &lt; r10. Two different names never compare equal
/// (r7 and r007 are ordered by their length as a tie-break).
/// </summary>
public static class NaturalOrder
{
    // Called once for each new subject of a file, a million times for a big one: compiled fully optimised at once.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var startA = i;
                var startB = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
                var runA = a[startA..i].TrimStart('0');
                var runB = b[startB..j].TrimStart('0');
                if (runA.Length != runB.Length)
                {
                    return runA.Length.CompareTo(runB.Length);
                }
                var digits = runA.SequenceCompareTo(runB);
                if (digits != 0)
                {
                    return digits;
                }
                continue;
            }
            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }
            i++;
            j++;
        }
        var rest = (a.Length - i).CompareTo(b.Length - j);
        return rest != 0 ? rest : a.SequenceCompareTo(b);
    }
}
