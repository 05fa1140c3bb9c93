using System.Security.Claims;
using Hearth.Core.Cohorts;

namespace Hearth.Web.Programs;

/// <summary>Sessions as .ics: one session for a signed-in member or facilitator, and a person's whole feed by its secret URL.</summary>
public static class CalendarEndpoints
{
    private const string ContentType = "text/calendar; charset=utf-8";

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cohorts/{cohortId:int}/sessions/{number:int}/calendar.ics", async (int cohortId, int number, ClaimsPrincipal user, CohortCalendar calendar, HearthOptions options, HttpContext http) =>
        {
            var session = await calendar.SessionAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, cohortId, number);
            return session is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(calendar.Write([session], options.BaseUrlFor(http.Request))), ContentType, $"session-{number}.ics");
        }).RequireAuthorization();

        // The secret in the URL is the credential: calendar apps cannot sign in. Revoking it on the
        // account page (or creating a new one) ends it at once; it is only ever stored hashed.
        app.MapGet("/calendar/{token}.ics", async (string token, CohortCalendar calendar, HearthOptions options, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var owner = await calendar.FeedOwnerAsync(token);
            if (owner is null)
            {
                return Results.NotFound();
            }
            return Results.Text(calendar.Write(await calendar.SessionsOfAsync(owner), options.BaseUrlFor(http.Request)), ContentType);
        }).AllowAnonymous();
    }

    /// <summary>A program folder as a zip, for an administrator to edit and upload again.</summary>
    public static void MapProgramDownload(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/programs/{programId}.zip", (string programId, Hearth.Core.Programs.ProgramLibrary library) =>
        {
            if (library.Current.Find(programId) is not { Sessions.Count: > 0 } program)
            {
                return Results.NotFound();
            }
            var zip = new MemoryStream();
            Hearth.Core.Programs.ProgramLibrary.WriteZip(program, Hearth.Core.Programs.ProgramLibrary.FolderOf(program), zip);
            zip.Position = 0;
            return Results.File(zip, "application/zip", $"{program.Id}.zip");
        }).RequireAuthorization(Hearth.Core.Organisations.Roles.Administrator);

}
