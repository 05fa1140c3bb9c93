namespace Hearth.Content.Groups;

/// <summary>
/// Partners for colleague-dyad programs (Helping the Helper). Round-robin by the circle method: with n
/// people every pair meets exactly once in n − 1 sessions (n even) or n sessions (n odd), so nobody
/// meets the same partner again before they have met everyone. With an odd number, the person who
/// would sit out joins a pair, making one trio.
/// </summary>
public static class DyadPairing
{
    /// <summary>The groups (pairs, and one trio when the roster is odd) for session <paramref name="round"/> (0-based).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ForRound(IReadOnlyList<string> roster, int round)
    {
        if (roster.Count < 2)
        {
            return roster.Count == 1 ? [[roster[0]]] : [];
        }
        var people = roster.Cast<string?>().ToList();
        if (people.Count % 2 == 1)
        {
            people.Add(null); // the seat that sits out
        }
        var n = people.Count;
        var rounds = n - 1;
        var r = ((round % rounds) + rounds) % rounds;

        // Circle method: the first seat stays, the others rotate by one each round.
        var rotated = new List<string?> { people[0] };
        for (var i = 0; i < n - 1; i++)
        {
            rotated.Add(people[1 + ((i + r) % (n - 1))]);
        }
        var groups = new List<List<string>>();
        string? sitter = null;
        for (var i = 0; i < n / 2; i++)
        {
            var (a, b) = (rotated[i], rotated[n - 1 - i]);
            if (a is null || b is null)
            {
                sitter = a ?? b;
                continue;
            }
            groups.Add([a, b]);
        }
        if (sitter is not null)
        {
            groups[(r + groups.Count - 1) % groups.Count].Add(sitter); // rotate which pair hosts the trio
        }
        return groups;
    }

    /// <summary>
    /// The groups for a session given who is actually there: planned pairs with both present stay;
    /// everyone whose partner is absent is paired anew, preferring someone they have met least; an odd
    /// person left over joins a pair as a trio.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> OnTheDay(
        IReadOnlyList<string> roster, int round, IReadOnlySet<string> present, IReadOnlyDictionary<(string, string), int>? timesMet = null)
    {
        var planned = ForRound(roster, round);
        var groups = new List<List<string>>();
        var waiting = new List<string>();
        foreach (var group in planned)
        {
            var here = group.Where(present.Contains).ToList();
            if (here.Count >= 2)
            {
                groups.Add(here);
            }
            else
            {
                waiting.AddRange(here);
            }
        }

        int Met(string a, string b) => timesMet is null ? 0
            : timesMet.GetValueOrDefault(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));

        while (waiting.Count >= 2)
        {
            var first = waiting[0];
            var partner = waiting.Skip(1).OrderBy(p => Met(first, p)).ThenBy(p => waiting.IndexOf(p)).First();
            groups.Add([first, partner]);
            waiting.Remove(first);
            waiting.Remove(partner);
        }
        if (waiting.Count == 1)
        {
            if (groups.Count == 0)
            {
                groups.Add([waiting[0]]);
            }
            else
            {
                groups.OrderBy(g => g.Count).ThenBy(g => g.Sum(p => Met(p, waiting[0]))).First().Add(waiting[0]);
            }
        }
        return groups;
    }
}
