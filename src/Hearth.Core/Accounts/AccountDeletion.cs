using Hearth.Core.Audit;
using Hearth.Core.Cohorts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>
/// Deletes an account and everything that is the person's: answers, journal, shares and sessions (by
/// cascade), a facilitator's notes and what was shared with them, pending invitations to their address.
/// Audit entries stay, without anything that names them. All of it is one transaction: a failure part-way
/// leaves the account and everything of it as it was.
/// </summary>
public sealed class AccountDeletion(HearthDbContext db, UserManager<HearthUser> users, CohortAdministration cohorts, TimeProvider clock)
{
    /// <returns>False when Identity refused the deletion (nothing was changed).</returns>
    public async Task<bool> DeleteAsync(HearthUser user, CancellationToken cancellationToken = default)
    {
        var email = user.Email ?? "";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await cohorts.ForgetFacilitatorAsync(user.Id, cancellationToken);
        await db.Invitations.Where(i => i.Email == email).ExecuteDeleteAsync(cancellationToken);
        // Entries about the person keep what happened, not who: the invitation's entry named their address.
        await db.AuditEntries.Where(a => a.SubjectUserId == user.Id || a.ActorId == user.Id || a.Details == email)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.SubjectUserId, x => x.SubjectUserId == user.Id ? null : x.SubjectUserId)
                .SetProperty(x => x.ActorId, x => x.ActorId == user.Id ? "(deleted account)" : x.ActorId)
                .SetProperty(x => x.Details, x => x.SubjectUserId == user.Id || x.Details == email ? "(deleted account)" : x.Details), cancellationToken);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        db.AddAudit(clock, null, "account-deleted");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
