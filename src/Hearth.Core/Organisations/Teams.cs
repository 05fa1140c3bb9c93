using Hearth.Content;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisations;

/// <summary>The organisation's teams, nested: listed, added, and named by their path ("Adult services › Ward 3").</summary>
public sealed class Teams(HearthDbContext db, AuditLog audit)
{
    public async Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);

    public async Task<bool> ExistsAsync(int teamId, CancellationToken cancellationToken = default) =>
        await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken);

    /// <returns>What is wrong with the request, or null when the team was added.</returns>
    public async Task<string?> AddAsync(string administratorId, string? name, int? parentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > FieldLengths.Name)
        {
            return ProblemText.Get("Organisations.TeamNameRequired", FieldLengths.Name);
        }
        var parent = parentId is { } p && await ExistsAsync(p, cancellationToken) ? parentId : null;
        db.Teams.Add(new Team { Name = name.Trim(), ParentId = parent });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(administratorId, "team-add", details: name.Trim());
        return null;
    }

    /// <summary>A team's name with its parents', outermost first.</summary>
    public static string PathOf(Team team, IReadOnlyList<Team> all)
    {
        var names = new List<string> { team.Name };
        var parentId = team.ParentId;
        for (var depth = 0; parentId is not null && depth < 10; depth++)
        {
            var parent = all.FirstOrDefault(t => t.Id == parentId);
            if (parent is null)
            {
                break;
            }
            names.Insert(0, parent.Name);
            parentId = parent.ParentId;
        }
        return string.Join(" › ", names);
    }
}
