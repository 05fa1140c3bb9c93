using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Hearth.Core.Accounts;
using Hearth.Core.Insights;
using Hearth.Web.Security.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Web.Insights;

/// <summary>A group in the insights API (the contract other tools read): withheld figures are null, with the reason.</summary>
public sealed record InsightGroupDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("n")] int? N,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("ci_lower")] double? CiLower,
    [property: JsonPropertyName("ci_upper")] double? CiUpper,
    [property: JsonPropertyName("bands")] IReadOnlyDictionary<string, double>? Bands,
    [property: JsonPropertyName("response_rate")] double? ResponseRate,
    [property: JsonPropertyName("suppressed")] bool Suppressed,
    [property: JsonPropertyName("reason")] string? Reason)
{
    public static InsightGroupDto Of(GroupFigures g) => new(g.Id, g.Name, g.Parent, g.N, g.Mean, g.CiLower, g.CiUpper,
        g.Bands?.ToDictionary(b => b.Band, b => b.Share), g.ResponseRate, g.Suppressed, g.Reason);
}

public sealed record InsightScoresDto(
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("score")] string Score,
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("organisation")] InsightGroupDto Organisation,
    [property: JsonPropertyName("groups")] IReadOnlyList<InsightGroupDto> Groups);

/// <summary><c>GET /api/v1/insights/scores</c>: the dashboard's figures for the lead's own tools, under the same disclosure control as the page.</summary>
public static class InsightEndpoints
{
    public static void MapInsightEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/insights").RequireAuthorization(Policies.InsightsReader).WithTags("insights").MapGet("/scores", Scores);
        app.MapGet("/insights/report.pdf", ReportPdf).RequireAuthorization(Policies.InsightsReader).WithTags("insights");
    }

    private static async Task<IResult> ReportPdf(HttpContext context, ClaimsPrincipal user, TeamReports reports)
    {
        var outcome = await reports.BuildAsync(user.UserId(), context.Request.Query);
        if (outcome.Problem is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Field] = [problem.Sentence] });
        }
        return await reports.PdfAsync(outcome.Value!) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", $"team-report-{outcome.Value!.Response.Request.To:yyyy-MM-dd}.pdf")
            : TypedResults.Problem("PDF reports need Chromium installed (Hearth:Chromium); print the report page from the browser instead.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<InsightScoresDto>, ValidationProblem>> Scores(
        string? instrument, string? score, string? by, string? from, string? to, string? profession, string? site,
        ClaimsPrincipal user, OrganisationInsights insights, TimeProvider clock)
    {
        var parsed = InsightQueryText.Parse(instrument, score, by, from, to, profession, site, clock);
        if (parsed.Problem is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Field] = [problem.Sentence] });
        }
        var outcome = await insights.ScoresAsync(user.UserId(), parsed.Value!);
        if (outcome.Problem is { } refused)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Sentence] });
        }
        var r = outcome.Value!;
        return TypedResults.Ok(new InsightScoresDto(r.K, r.Request.InstrumentId, r.Request.ScoreId, InsightQueryText.Name(r.Request.By),
            r.Request.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Request.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            InsightGroupDto.Of(r.Organisation), [.. r.Groups.Select(InsightGroupDto.Of)]));
    }
}
