using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// The organisation's minimum group size k: no figure comes from fewer people. It starts at 5 and can only
/// be raised, so a figure once withheld is never shown later by lowering it. Free text, which can identify
/// its writer by its words, needs at least <see cref="FreeTextMinimum"/> people.
/// </summary>
public sealed class Anonymity(HearthDbContext db, TimeProvider clock)
{
    public const int FreeTextMinimum = 10;
    public const int Maximum = 100;

    public static async Task<int> ThresholdAsync(HearthDbContext db, CancellationToken cancellationToken = default) =>
        Math.Max(await db.Organisations.Select(o => o.AnonymityThreshold).FirstOrDefaultAsync(cancellationToken), Organisations.Roles.MinimumAnonymityThreshold);

    public Task<int> ThresholdAsync(CancellationToken cancellationToken = default) => ThresholdAsync(db, cancellationToken);

    public async Task<Outcome> RaiseAsync(string administratorId, int k, CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.FirstOrDefaultAsync(cancellationToken) is not { } organisation)
        {
            return Outcome.Missing;
        }
        var current = Math.Max(organisation.AnonymityThreshold, Organisations.Roles.MinimumAnonymityThreshold);
        if (k < current)
        {
            return new FieldProblem("Threshold", ProblemText.Get("Insights.ThresholdOnlyRaised", current));
        }
        if (k > Maximum)
        {
            return new FieldProblem("Threshold", ProblemText.Get("Insights.ThresholdMaximum", Maximum));
        }
        organisation.AnonymityThreshold = k;
        db.AddAudit(clock, administratorId, "anonymity-threshold", null, $"from {current} to {k}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }
}
