using Hearth.Core.Accounts;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Hearth.Content.Exports;
using Hearth.Content.Fhir;
using Hearth.Content.Instruments;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Content.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Api;

/// <summary>Sign-out and the person's own data exports (CSV and a FHIR Bundle of QuestionnaireResponses).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post: the antiforgery middleware checks its token because the handler reads the form.
        app.MapPost("/account/logout", async Task<RedirectHttpResult> (IFormCollection _, SignInManager<HearthUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).RequireAuthorization();

        var me = app.MapGroup("/me").RequireAuthorization();
        me.MapGet("/export.csv", ExportCsv);
        me.MapGet("/export.fhir.json", ExportFhir);
    }


    /// <param name="layout">"spreadsheet": laid out for a spreadsheet in the reader's language (<c>;</c> and decimal commas where
    /// it writes them), with a byte order mark so it opens as UTF-8; otherwise invariant, for R and scripts.</param>
    private static async Task<FileContentHttpResult> ExportCsv(ClaimsPrincipal user, ResultsQuery results, MeasurementSecrets secrets, Hearth.Core.Audit.AuditLog audit, string? layout = null)
    {
        var spreadsheet = layout == "spreadsheet";
        await audit.RecordAsync(user.UserId(), "export", user.UserId(), spreadsheet ? "own data, CSV for a spreadsheet" : "own data, CSV");
        var text = new StringWriter();
        var csv = new CsvRowWriter(text, spreadsheet ? CsvLayout.For(System.Globalization.CultureInfo.CurrentUICulture) : null);
        csv.Header(["measurement", "instrument", "version", "kind", "submitted_at", "field", "value", "band"]);
        foreach (var m in await results.MeasurementsOfAsync(user.UserId()))
        {
            CsvRowWriter Measurement() => csv.Number(m.Id).Text(m.InstrumentId).Text(m.InstrumentVersion).Text(m.Kind.ToString()).Instant(m.SubmittedAt);
            foreach (var (linkId, value) in secrets.Answers(m))
            {
                Measurement().Text($"item:{linkId}").Number(value).Text(null).EndRow();
            }
            foreach (var s in m.Scores)
            {
                Measurement().Text($"score:{s.ScoreId}").Number(s.Value).Text(s.Band).EndRow();
            }
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return TypedResults.File(spreadsheet ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes, "text/csv", "hearth-my-data.csv");
    }

    private static async Task<FileContentHttpResult> ExportFhir(ClaimsPrincipal user, ResultsQuery results, InstrumentCatalog catalog, TimeProvider clock, MeasurementSecrets secrets, Hearth.Core.Audit.AuditLog audit)
    {
        await audit.RecordAsync(user.UserId(), "export", user.UserId(), "own data, FHIR");
        // Each response as it was answered: its instrument version and the scores it was given then, not re-scored with today's key.
        var responses = new List<Hl7.Fhir.Model.QuestionnaireResponse>();
        foreach (var m in await results.MeasurementsOfAsync(user.UserId()))
        {
            if (catalog.Find(m.InstrumentId) is not { } instrument)
            {
                continue;
            }
            responses.Add(ResponseExporter.Export(instrument, m.InstrumentVersion, secrets.Answers(m),
                [.. m.Scores.Select(s => new RecordedScore(s.ScoreId, s.Value, s.Band))], secrets.SafetyRules(m), user.UserId(), m.SubmittedAt));
        }
        var bundle = ResponseExporter.Bundle(responses, clock.GetUtcNow());
        return TypedResults.File(Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle)), "application/fhir+json", "hearth-my-data.fhir.json");
    }
}
