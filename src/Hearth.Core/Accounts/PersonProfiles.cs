using Hearth.Content;
using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>The organisation's record of where a person works and as what: set by an administrator, audited.</summary>
public sealed class PersonProfiles(HearthDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Records a person's profession and site. Both are short labels the organisation chooses; an empty
    /// one clears it. Commas, equals signs and semicolons are refused because studies stratify on these
    /// values and store them as key=value pairs.
    /// </summary>
    public async Task<Outcome> SetProfileAsync(string administratorId, string userId, string? profession, string? site, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Outcome.Missing;
        }
        foreach (var (field, value) in new[] { ("Profession", profession), ("Site", site) })
        {
            if (value is { Length: > FieldLengths.Label })
            {
                return new FieldProblem(field, field == "Profession" ? ProblemText.Get("Accounts.ProfessionTooLong", FieldLengths.Label) : ProblemText.Get("Accounts.SiteTooLong", FieldLengths.Label));
            }
            if (value is not null && value.IndexOfAny([',', '=', ';']) >= 0)
            {
                return new FieldProblem(field, field == "Profession" ? ProblemText.Get("Accounts.ProfessionSeparators") : ProblemText.Get("Accounts.SiteSeparators"));
            }
        }
        user.Profession = string.IsNullOrWhiteSpace(profession) ? null : profession.Trim();
        user.Site = string.IsNullOrWhiteSpace(site) ? null : site.Trim();
        db.AddAudit(clock, administratorId, "person-profile", user.Id, $"profession {user.Profession ?? "(none)"}, site {user.Site ?? "(none)"}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }
}
