using Hearth.Core.Accounts;
using System.Security.Claims;
using Hearth.Core.Cohorts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Web.Programs;

/// <summary>
/// Program files and downloads: sessions as .ics (one session for a signed-in member or facilitator,
/// and a person's whole feed by its secret URL), a facilitator's engagement table as CSV, and a
/// program folder as a zip for administrators.
/// </summary>
public static class ProgramEndpoints
{
    private const string ContentType = "text/calendar; charset=utf-8";

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cohorts/{cohortId:int}/sessions/{number:int}/calendar.ics", async Task<Results<FileContentHttpResult, NotFound>> (int cohortId, int number, ClaimsPrincipal user, CohortCalendar calendar) =>
        {
            var session = await calendar.SessionAsync(user.UserId(), cohortId, number);
            return session is null
                ? TypedResults.NotFound()
                : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(calendar.Write([session])), ContentType, $"session-{number}.ics");
        }).RequireAuthorization();

        // The secret in the URL is the credential: calendar apps cannot sign in. Revoking it on the
        // account page (or creating a new one) ends it at once; it is only ever stored hashed.
        app.MapGet("/calendar/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (string token, CohortCalendar calendar, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var owner = await calendar.FeedOwnerAsync(token);
            if (owner is null)
            {
                return TypedResults.NotFound();
            }
            return TypedResults.Text(calendar.Write(await calendar.SessionsOfAsync(owner)), ContentType);
        }).AllowAnonymous();
    }

    /// <summary>Attendance and homework per participant and session of the facilitator's own cohort, for their records.</summary>
    public static void MapEngagementExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/cohorts/{cohortId:int}/engagement.csv", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (int cohortId, ClaimsPrincipal user, CohortDashboard dashboard, Hearth.Core.Audit.AuditLog audit) =>
        {
            var outcome = await dashboard.ForFacilitatorAsync(user.UserId(), cohortId);
            if (outcome.Problem is { } problem)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The cohort's program is not installed", detail: problem.Message);
            }
            if (outcome.Value is not { } view)
            {
                return TypedResults.NotFound();
            }
            await audit.RecordAsync(user.UserId(), "export", null, $"cohort {cohortId} engagement CSV ({view.Participants.Count} participants)");
            var csv = new StringWriter();
            csv.Write('\uFEFF'); // a byte-order mark, so spreadsheet programs read names with accents as UTF-8
            csv.Write("participant,session,starts_at_utc,present,homework_done,homework_set\n");
            foreach (var person in view.Participants)
            {
                foreach (var (cell, session) in person.Sessions.Zip(view.Sessions))
                {
                    Hearth.Content.Exports.CsvField.Write(csv, person.Name);
                    csv.Write(FormattableString.Invariant($",{session.Number},{session.StartsAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{(cell.Present switch { true => "yes", false => "no", null => "" })},{cell.HomeworkDone},{cell.HomeworkTotal}\n"));
                }
            }
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"cohort-{cohortId}-engagement.csv");
        }).RequireAuthorization(Hearth.Core.Organisations.Roles.Facilitator);

    /// <summary>A program folder as a zip, for an administrator to edit and upload again.</summary>
    public static void MapProgramDownload(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/programs/{programId}.zip", Results<FileStreamHttpResult, NotFound> (string programId, Hearth.Content.Programs.ProgramLibrary library) =>
        {
            if (library.Current.Find(programId) is not { Sessions.Count: > 0 } program)
            {
                return TypedResults.NotFound();
            }
            var zip = new MemoryStream();
            Hearth.Content.Programs.ProgramLibrary.WriteZip(program, Hearth.Content.Programs.ProgramLibrary.FolderOf(program), zip);
            zip.Position = 0;
            return TypedResults.File(zip, "application/zip", $"{program.Id}.zip");
        }).RequireAuthorization(Hearth.Core.Organisations.Roles.Administrator);

}
