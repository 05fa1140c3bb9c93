using Hearth.Core.Accounts;
using Hearth.Core.Studies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Hearth.Web.Security.Authorization;

/// <summary>A study, as the resource of an authorization check.</summary>
public sealed record StudyResource(int StudyId);

/// <summary>
/// Who may run a study (see its design, participants by pseudonym, CONSORT flow and analysis): the
/// researcher who created it. A singleton that opens a context only when asked, like the cohort handlers.
/// </summary>
public sealed class StudyAuthorizationHandler(StudyAccess access) : AuthorizationHandler<OperationAuthorizationRequirement, StudyResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, StudyResource resource)
    {
        if (requirement.Name != nameof(Operations.Lead) || context.User.UserIdOrNull() is not { } userId)
        {
            return;
        }
        if (await access.RunsAsync(userId, resource.StudyId))
        {
            context.Succeed(requirement);
        }
    }
}
