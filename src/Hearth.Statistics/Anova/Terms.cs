namespace Hearth.Statistics.Anova;

/// <summary>
/// The terms of a full factorial over some factors, in R's order: main effects, then two-way
/// interactions, and so on, each in factor order (A, B, C, A:B, A:C, B:C, A:B:C). A term is the
/// sorted list of factor positions it involves; the intercept is the empty term.
/// </summary>
public static class Terms
{
    public static IReadOnlyList<int[]> FullFactorial(int factorCount, bool withIntercept)
    {
        var terms = new List<int[]>();
        if (withIntercept)
        {
            terms.Add([]);
        }
        for (var size = 1; size <= factorCount; size++)
        {
            AddCombinations(factorCount, size, 0, [], terms);
        }
        return terms;
    }

    private static void AddCombinations(int n, int size, int start, List<int> current, List<int[]> into)
    {
        if (current.Count == size)
        {
            into.Add([.. current]);
            return;
        }
        for (var i = start; i < n; i++)
        {
            current.Add(i);
            AddCombinations(n, size, i + 1, current, into);
            current.RemoveAt(current.Count - 1);
        }
    }

    public static string Name(int[] term, IReadOnlyList<Factor> factors) => string.Join(":", term.Select(f => factors[f].Name));
}
