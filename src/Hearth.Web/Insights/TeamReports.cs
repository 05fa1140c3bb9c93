using System.Diagnostics;
using System.Globalization;
using Hearth.Content.Instruments;
using Hearth.Core.Insights;
using Hearth.Core.Rules;
using Hearth.Web.Components.Pages.Insights;
using Hearth.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Insights;

/// <summary>Everything the printable team report shows.</summary>
public sealed record TeamReport(InsightResponse Response, ScoreRange Range, IReadOnlyList<DemandRelation> Relations, string Organisation, DateTimeOffset Generated);

/// <summary>
/// The printable team report: the dashboard's figures (through the same disclosure control) laid out for
/// paper, as a page with print styles, or as a PDF printed by the installed Chromium from the same HTML.
/// </summary>
public sealed class TeamReports(OrganisationInsights insights, JobDemands demands, InstrumentCatalog instruments, TimeProvider clock, HearthOptions options,
    IServiceProvider services, ILoggerFactory loggers, IWebHostEnvironment environment, IStringLocalizer<InsightsText> T)
{
    public async Task<Outcome<TeamReport>> BuildAsync(string userId, IQueryCollection query, CancellationToken cancellationToken = default)
    {
        var (instrumentId, scoreId) = InsightQueryText.Measure(query["measure"]);
        var parsed = InsightQueryText.Parse(instrumentId, Blank(scoreId), Blank(query["by"]), Blank(query["from"]), Blank(query["to"]),
            Blank(query["profession"]), Blank(query["site"]), clock, InsightRequest.EveryTrend);
        if (parsed.Problem is { } problem)
        {
            return problem;
        }
        var outcome = await insights.ScoresAsync(userId, parsed.Value!, cancellationToken);
        if (outcome.Value is not { } response)
        {
            return outcome.Problem!;
        }
        var range = InsightCharts.RangeOf(instruments, response);
        var relations = response.Request.By == InsightGrouping.Team
            ? DemandRelations.Of(response, await demands.ListAsync(response.Request.From, response.Request.To, cancellationToken))
            : [];
        return Outcome.Of(new TeamReport(response, range, relations, await insights.OrganisationNameAsync(cancellationToken), clock.GetUtcNow()));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The report as a PDF, or null when no Chromium is installed at <see cref="HearthOptions.Chromium"/>.</summary>
    public async Task<byte[]?> PdfAsync(TeamReport report, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(options.Chromium))
        {
            return null;
        }
        await using var renderer = new HtmlRenderer(services, loggers);
        // The report in the reader's language, whichever thread the renderer's dispatcher runs it on.
        var language = CultureInfo.CurrentUICulture;
        var body = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentUICulture = language;
            return (await renderer.RenderComponentAsync<TeamReportBody>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(TeamReportBody.Response)] = report.Response,
                [nameof(TeamReportBody.Range)] = report.Range,
                [nameof(TeamReportBody.Relations)] = report.Relations,
                [nameof(TeamReportBody.Organisation)] = report.Organisation,
                [nameof(TeamReportBody.Generated)] = report.Generated,
            }))).ToHtmlString();
        });
        var css = await File.ReadAllTextAsync(Path.Combine(environment.WebRootPath, "app.css"), cancellationToken);
        var folder = Directory.CreateTempSubdirectory("hearth-report-");
        try
        {
            var html = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(html, $"<!DOCTYPE html><html lang=\"{Readable.Language}\" dir=\"{Readable.Direction}\"><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(T["Insights.Report.Title"])}</title><style>{css}</style></head><body><main>{body}</main></body></html>", cancellationToken);
            // A throwaway profile, and no network: the page is a local file with everything inline.
            var start = new ProcessStartInfo(options.Chromium)
            {
                ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                    $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var drainOut = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var drainErr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(drainOut, drainErr);
            return File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf, cancellationToken) : throw new InvalidOperationException($"Chromium printed no PDF: {await drainErr}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
