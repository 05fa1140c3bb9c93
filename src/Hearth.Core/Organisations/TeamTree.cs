using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisations;

/// <summary>Teams nest (a ward inside a service): a team stands for itself and every team inside it, at any depth.</summary>
public static class TeamTree
{
    /// <summary>The <paramref name="roots"/> and every team nested in them. A cycle in the data cannot loop: each team is taken once.</summary>
    public static HashSet<int> WithNested(IEnumerable<(int Id, int? ParentId)> teams, IEnumerable<int> roots) =>
        WithNested(teams.ToLookup(t => t.ParentId, t => t.Id), roots);

    /// <summary>For many roots over one tree: the tree's children, looked up once (thousands of teams would otherwise build it thousands of times).</summary>
    public static ILookup<int?, int> Children(IEnumerable<(int Id, int? ParentId)> teams) => teams.ToLookup(t => t.ParentId, t => t.Id);

    /// <inheritdoc cref="WithNested(IEnumerable{ValueTuple{int, int?}}, IEnumerable{int})"/>
    public static HashSet<int> WithNested(ILookup<int?, int> children, IEnumerable<int> roots)
    {
        var result = new HashSet<int>();
        var pending = new Stack<int>(roots);
        while (pending.TryPop(out var id))
        {
            if (result.Add(id))
            {
                foreach (var child in children[id])
                {
                    pending.Push(child);
                }
            }
        }
        return result;
    }

    public static async Task<HashSet<int>> WithNestedAsync(HearthDbContext db, IEnumerable<int> roots, CancellationToken cancellationToken = default)
    {
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync(cancellationToken);
        return WithNested(teams.Select(t => (t.Id, t.ParentId)), roots);
    }
}
