using Hearth.Core.Accounts;
using Hearth.Core.Cohorts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Hearth.Web.Security.Authorization;

/// <summary>
/// Resource-based authorization for cohorts and what hangs off them: who may lead, attend or share.
/// The answers come from the database through <see cref="CohortAccess"/>; the services filter their
/// own queries the same way, so a page that forgot to ask would still find nothing.
/// </summary>
public sealed class CohortAuthorizationHandler(CohortAccess access) : AuthorizationHandler<OperationAuthorizationRequirement, CohortResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CohortResource resource)
    {
        if (context.User.UserIdOrNull() is not { } userId)
        {
            return;
        }
        var allowed = requirement.Name switch
        {
            nameof(Operations.Lead) => await access.LeadsAsync(userId, resource.CohortId),
            nameof(Operations.Attend) => await access.AttendsAsync(userId, resource.CohortId),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

public sealed class CohortSessionAuthorizationHandler(CohortAccess access) : AuthorizationHandler<OperationAuthorizationRequirement, CohortSessionResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CohortSessionResource resource)
    {
        if (context.User.UserIdOrNull() is not { } userId)
        {
            return;
        }
        var allowed = requirement.Name switch
        {
            nameof(Operations.Lead) => await access.LeadsSessionAsync(userId, resource.CohortId, resource.Number),
            nameof(Operations.Attend) => await access.AttendsSessionAsync(userId, resource.CohortId, resource.Number),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

public sealed class SharedResultAuthorizationHandler(CohortAccess access) : AuthorizationHandler<OperationAuthorizationRequirement, SharedResultResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, SharedResultResource resource)
    {
        if (requirement.Name == nameof(Operations.Share) && context.User.UserIdOrNull() is { } userId
            && await access.MayShareResultAsync(userId, resource.MeasurementId, resource.CohortId))
        {
            context.Succeed(requirement);
        }
    }
}

public sealed class ReflectionAuthorizationHandler(CohortAccess access) : AuthorizationHandler<OperationAuthorizationRequirement, ReflectionResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ReflectionResource resource)
    {
        if (requirement.Name == nameof(Operations.Share) && context.User.UserIdOrNull() is { } userId
            && await access.MayShareReflectionAsync(userId, resource.EntryId, resource.CohortId))
        {
            context.Succeed(requirement);
        }
    }
}

public static class AuthorizationRegistration
{
    public static IServiceCollection AddHearthResourceAuthorization(this IServiceCollection services)
    {
        // Singletons: the authorization service builds every handler for every check (a check-in's
        // "signed in?" too), so they must cost nothing until asked about their own resource.
        services.AddSingleton<CohortAccess>();
        services.AddSingleton<IAuthorizationHandler, CohortAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, CohortSessionAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, SharedResultAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ReflectionAuthorizationHandler>();
        services.AddSingleton<Hearth.Core.Studies.StudyAccess>();
        services.AddSingleton<IAuthorizationHandler, StudyAuthorizationHandler>();
        return services;
    }

    /// <summary>Whether the signed-in person may do <paramref name="operation"/> to <paramref name="resource"/>.</summary>
    public static async Task<bool> MayAsync(this IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user, object resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;
}
