using Hearth.Core.Accounts;
using System.Security.Claims;
using Hearth.Core.Cohorts;
using Hearth.Content.Exports;
using Hearth.Web.Security.Authorization;
using Microsoft.AspNetCore.Authorization;
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

    /// <summary>
    /// Everything this feature serves outside its pages, one group per audience: a cohort's files for
    /// the people in it, the secret calendar feed for calendar apps, program folders for administrators.
    /// </summary>
    public static void MapProgramEndpoints(this IEndpointRouteBuilder app)
    {
        var cohort = app.MapGroup("/cohorts/{cohortId:int}").RequireAuthorization().WithTags("cohorts");
        cohort.MapGet("/sessions/{number:int}/calendar.ics", SessionCalendar);
        cohort.MapGet("/engagement.csv", EngagementCsv).RequireAuthorization(Policies.Facilitator);

        // The secret in the URL is the credential: calendar apps cannot sign in. Revoking it on the
        // account page (or creating a new one) ends it at once; it is only ever stored hashed.
        app.MapGroup("/calendar").AllowAnonymous().WithTags("calendar").MapGet("/{token}.ics", CalendarFeed);

        app.MapGroup("/admin/programs").RequireAuthorization(Policies.Administrator).WithTags("programs").MapGet("/{programId}.zip", ProgramZip);
    }

    /// <summary>One session as .ics, for its facilitator or one of its participants (anyone else: 404).</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> SessionCalendar(int cohortId, int number, ClaimsPrincipal user, CohortCalendar calendar, IAuthorizationService authorization)
    {
        var resource = new CohortSessionResource(cohortId, number);
        if (!await authorization.MayAsync(user, resource, Operations.Lead) && !await authorization.MayAsync(user, resource, Operations.Attend))
        {
            return TypedResults.NotFound();
        }
        var session = await calendar.SessionAsync(user.UserId(), cohortId, number);
        return session is null
            ? TypedResults.NotFound()
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(calendar.Write([session], Localization.Readable.Language)), ContentType, $"session-{number}.ics");
    }

    private static async Task<Results<ContentHttpResult, NotFound>> CalendarFeed(string token, CohortCalendar calendar, Hearth.Core.Organisations.LanguageChoices languages, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var owner = await calendar.FeedOwnerAsync(token);
        if (owner is null)
        {
            return TypedResults.NotFound();
        }
        // Calendar apps fetch the feed without the person's cookie: their own language choice decides.
        var language = Hearth.Core.Localization.MailText.LanguageFor(await languages.OfPersonAsync(owner), await languages.OrganisationDefaultAsync());
        return TypedResults.Text(calendar.Write(await calendar.SessionsOfAsync(owner), language), ContentType);
    }

    /// <summary>Attendance and homework per participant and session of the facilitator's own cohort, for their records.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> EngagementCsv(
        int cohortId, ClaimsPrincipal user, CohortDashboard dashboard, IAuthorizationService authorization, Hearth.Core.Audit.AuditLog audit)
    {
        if (!await authorization.MayAsync(user, new CohortResource(cohortId), Operations.Lead))
        {
            return TypedResults.NotFound();
        }
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
        var text = new StringWriter();
        text.Write('\uFEFF'); // a byte-order mark, so spreadsheet programs read names with accents as UTF-8
        var csv = new CsvRowWriter(text);
        csv.Header(["participant", "session", "starts_at_utc", "present", "homework_done", "homework_set"]);
        foreach (var person in view.Participants)
        {
            foreach (var (cell, session) in person.Sessions.Zip(view.Sessions))
            {
                csv.Text(person.Name).Number(session.Number).Instant(session.StartsAt)
                    .Text(cell.Present switch { true => "yes", false => "no", null => "" }).Number(cell.HomeworkDone).Number(cell.HomeworkTotal).EndRow();
            }
        }
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"cohort-{cohortId}-engagement.csv");
    }

    /// <summary>A program folder as a zip, for an administrator to edit and upload again.</summary>
    private static Results<FileStreamHttpResult, NotFound> ProgramZip(string programId, Hearth.Content.Programs.ProgramLibrary library)
    {
        if (library.Current.Find(programId) is not { Sessions.Count: > 0 } program)
        {
            return TypedResults.NotFound();
        }
        var zip = new MemoryStream();
        Hearth.Content.Programs.ProgramLibrary.WriteZip(program, Hearth.Content.Programs.ProgramLibrary.FolderOf(program), zip);
        zip.Position = 0;
        return TypedResults.File(zip, "application/zip", $"{program.Id}.zip");
    }
}
