namespace Hearth.Content.Analysis;

/// <summary>
/// Level names in order of first appearance. Factors usually have few levels, so up to 16 a linear scan
/// (which beats hashing) finds them; beyond that (teams in a panel, say) the hash table does.
/// </summary>
internal sealed class FactorLevels
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FactorLevels() => _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();

    public List<string> Names { get; } = [];

    public int IndexOf(ReadOnlySpan<char> name)
    {
        if (Names.Count <= 16)
        {
            for (var i = 0; i < Names.Count; i++)
            {
                if (name.SequenceEqual(Names[i]))
                {
                    return i;
                }
            }
        }
        else if (_lookup.TryGetValue(name, out var found))
        {
            return found;
        }
        var s = name.ToString();
        _index[s] = Names.Count;
        Names.Add(s);
        return Names.Count - 1;
    }
}
