using System.Runtime.CompilerServices;

namespace Hearth.Core.Insights;

/// <summary>
/// splitmix64's finaliser: every input bit moves every output bit. The insights code hashes sets of answer
/// numbers with it (the audit's atoms, a figure's identity) instead of building strings of them.
/// </summary>
internal static class SplitMix
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
