using System.Security.Claims;
using Hearth.Core.Accounts;
using Hearth.Core.Studies;
using Hearth.Web.Security.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Web.Studies;

/// <summary>A study's files for its researcher: the pseudonymised export bundle.</summary>
public static class StudyEndpoints
{
    public static void MapStudyEndpoints(this IEndpointRouteBuilder app)
    {
        var study = app.MapGroup("/studies/{studyId:int}").RequireAuthorization(Policies.Researcher).WithTags("studies");
        study.MapGet("/export.zip", Export);
        // The delivery log for the researcher's own tools (a personal access token works here too).
        app.MapGroup("/api/v1/studies/{studyId:int}").RequireAuthorization(Policies.Researcher).WithTags("studies").MapGet("/deliveries", Deliveries);
    }

    private static async Task<Results<Ok<IReadOnlyList<WaveDelivery>>, NotFound>> Deliveries(int studyId, ClaimsPrincipal user, IAuthorizationService authorization, WaveInvitations invitations)
    {
        if (!await authorization.MayAsync(user, new StudyResource(studyId), Operations.Lead) || await invitations.LogAsync(user.UserId(), studyId) is not { } log)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(log);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Export(int studyId, ClaimsPrincipal user, IAuthorizationService authorization, StudyExport export)
    {
        if (!await authorization.MayAsync(user, new StudyResource(studyId), Operations.Lead) || await export.ZipAsync(user.UserId(), studyId) is not { } file)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(file.Zip, "application/zip", file.FileName);
    }
}
