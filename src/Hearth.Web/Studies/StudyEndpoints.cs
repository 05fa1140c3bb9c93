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
