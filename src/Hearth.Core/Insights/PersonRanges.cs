namespace Hearth.Core.Insights;

/// <summary>
/// Splits a pass over everyone into one contiguous range of people per core, in order. A question's passes over
/// 100,000 people wait mostly on memory, so two cores nearly halve them. Different people's answers are different
/// answers, so the ranges never write the same place.
/// <para>
/// The loops passed here, and the other loops over every answer, are marked to be compiled fully optimised at once:
/// a question runs each only a few times, so tiered compilation would leave the first dozen questions after
/// start-up on unoptimised code (and on-stack replacement), tens of milliseconds slower each.
/// </para>
/// </summary>
internal static class PersonRanges
{
    /// <summary>Below this many people one range is quicker than starting a second thread.</summary>
    private const int Smallest = 8192;

    private static int[] Bounds(int people)
    {
        var ranges = people < Smallest ? 1 : Math.Max(1, Environment.ProcessorCount);
        var bounds = new int[ranges + 1];
        for (var r = 0; r <= ranges; r++)
        {
            bounds[r] = (int)((long)people * r / ranges);
        }
        return bounds;
    }

    /// <summary>Runs <paramref name="body"/> (from, to) on each range at once.</summary>
    public static void Run(int people, Action<int, int> body) => Run(people, (_, from, to) => body(from, to));

    /// <summary>Runs <paramref name="body"/> (range, from, to) on each range at once.</summary>
    private static void Run(int people, Action<int, int, int> body)
    {
        var bounds = Bounds(people);
        if (bounds.Length == 2)
        {
            body(0, 0, people);
            return;
        }
        Parallel.For(0, bounds.Length - 1, r => body(r, bounds[r], bounds[r + 1]));
    }

    /// <summary>Runs <paramref name="body"/> (from, to) on each range at once and returns what each gave, in range order.</summary>
    public static int[] Run(int people, Func<int, int, int> body)
    {
        var bounds = Bounds(people);
        var results = new int[bounds.Length - 1];
        Run(people, (r, from, to) => results[r] = body(from, to));
        return results;
    }
}
