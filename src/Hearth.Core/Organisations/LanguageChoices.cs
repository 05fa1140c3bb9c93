using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisations;

/// <summary>Who reads Hearth in which language: each person's own choice, and the organisation's default.</summary>
public sealed class LanguageChoices(HearthDbContext db, TimeProvider clock)
{
    public async Task<string?> OfPersonAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(cancellationToken);

    /// <param name="language">A <see cref="Languages"/> name, or empty for "as my browser asks".</param>
    public async Task<Outcome> ChooseAsync(string userId, string? language, CancellationToken cancellationToken = default)
    {
        if (Refusal(language, "Language", out var chosen) is { } refused)
        {
            return refused;
        }
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return Outcome.Missing;
        }
        user.Language = chosen;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    public Task<string?> OrganisationDefaultAsync(CancellationToken cancellationToken = default) => OrganisationDefaultIn(db, cancellationToken);

    /// <summary>The organisation's default language as stored (null: none chosen), for services that hold their own context.</summary>
    public static Task<string?> OrganisationDefaultIn(HearthDbContext db, CancellationToken cancellationToken = default) =>
        db.Organisations.AsNoTracking().Select(o => o.DefaultLanguage).FirstOrDefaultAsync(cancellationToken);

    public async Task<Outcome> ChooseOrganisationDefaultAsync(string administratorId, string? language, CancellationToken cancellationToken = default)
    {
        if (Refusal(language, "DefaultLanguage", out var chosen) is { } refused)
        {
            return refused;
        }
        if (await db.Organisations.FirstOrDefaultAsync(cancellationToken) is not { } organisation)
        {
            return Outcome.Missing;
        }
        var before = organisation.DefaultLanguage ?? Languages.English;
        organisation.DefaultLanguage = chosen;
        db.AddAudit(clock, administratorId, "default-language", null, $"from {before} to {chosen ?? Languages.English}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Empty means "none chosen"; anything else must be one of Hearth's languages, or the field is refused.</summary>
    private static FieldProblem? Refusal(string? language, string field, out string? chosen)
    {
        chosen = string.IsNullOrWhiteSpace(language) ? null : Languages.Find(language);
        return chosen is null && !string.IsNullOrWhiteSpace(language)
            ? new FieldProblem(field, ProblemText.Get("Organisations.NoSuchLanguage", language, string.Join(", ", Languages.All)))
            : null;
    }
}
