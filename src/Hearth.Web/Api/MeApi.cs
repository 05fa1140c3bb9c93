using Hearth.Core.Accounts;
using System.Security.Claims;
using Hearth.Content.Instruments;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Web.Api;

public sealed record ScoreDto(string Score, double? Value, string? Band);

public sealed record MeasurementDto(long Id, string Instrument, string Version, string Kind, DateTimeOffset SubmittedAt, IReadOnlyList<ScoreDto> Scores, bool SafetyTriggered);

public sealed record CheckInRequest(string? Instrument, Dictionary<string, double?> Answers);

public sealed record InstrumentDto(string Id, string Title, int Items, bool CheckIn);

public sealed record CrisisResourceDto(string Name, string? Phone, string? Url, string? Description);

public sealed record CheckInResponse(MeasurementDto Measurement, IReadOnlyList<CrisisResourceDto>? CrisisResources);

/// <summary>
/// <c>/api/v1/me/…</c>: the signed-in person's own measurements. Everything is filtered by the
/// caller's id; another person's measurement is indistinguishable from a missing one (404).
/// </summary>
public static class MeApi
{
    public static void MapMeApiV1(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").RequireAuthorization().WithTags("me");
        me.MapGet("/results", Results);
        me.MapGet("/results/{id:long}", Result);
        me.MapPost("/checkins", CheckIn).DisableAntiforgery();
        app.MapGet("/api/v1/instruments", Instruments).RequireAuthorization().WithTags("instruments");
    }


    /// <param name="safetyTriggered">Known already for a measurement just scored; otherwise read from its sealed flags.</param>
    internal static MeasurementDto ToDto(Measurement m, MeasurementSecrets secrets, bool? safetyTriggered = null) => new(
        m.Id, m.InstrumentId, m.InstrumentVersion, m.Kind == MeasurementKind.CheckIn ? "check-in" : "questionnaire", m.SubmittedAt,
        [.. m.Scores.Select(s => new ScoreDto(s.ScoreId, s.Value, s.Band))], safetyTriggered ?? secrets.SafetyRules(m).Count > 0);

    private static async Task<Ok<List<MeasurementDto>>> Results(ClaimsPrincipal user, ResultsQuery results, MeasurementSecrets secrets) =>
        TypedResults.Ok((await results.MeasurementsOfAsync(user.UserId())).Select(m => ToDto(m, secrets)).ToList());

    private static async Task<Results<Ok<MeasurementDto>, NotFound>> Result(long id, ClaimsPrincipal user, ResultsQuery results, MeasurementSecrets secrets) =>
        await results.MeasurementAsync(user.UserId(), id) is { } m ? TypedResults.Ok(ToDto(m, secrets)) : TypedResults.NotFound();

    private static async Task<Results<Created<CheckInResponse>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem, ProblemHttpResult>> CheckIn(
        CheckInRequest request, ClaimsPrincipal user, MeasurementService measurements, MeasurementSecrets secrets, CrisisResources resources)
    {
        var checkIn = await measurements.CheckInInstrumentAsync();
        var instrumentId = request.Instrument ?? checkIn;
        if (instrumentId is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["instrument"] = ["Your organisation has no check-in; name an instrument."] });
        }
        var kind = instrumentId == checkIn ? MeasurementKind.CheckIn : MeasurementKind.Questionnaire;
        var result = await measurements.SubmitAsync(user.UserId(), instrumentId, request.Answers ?? [], kind, requireAll: false);
        if (!result.Succeeded)
        {
            var errors = result.Problems.GroupBy(p => p.LinkId.Length == 0 ? (p.Unscorable ? "answers" : "instrument") : $"answers.{p.LinkId}")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            // Well-formed answers that are too few to score: 422, so a client can tell it from a malformed request.
            return result.Unscorable
                ? TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = "Too few answers to score" })
                : TypedResults.ValidationProblem(errors);
        }
        IReadOnlyList<CrisisResourceDto>? crisis = null;
        if (result.SafetyTriggered)
        {
            crisis = [.. (await resources.ListAsync()).Select(c => new CrisisResourceDto(c.Name, c.Phone, c.Url, c.Description))];
        }
        return TypedResults.Created($"/api/v1/me/results/{result.Measurement!.Id}", new CheckInResponse(ToDto(result.Measurement, secrets, result.SafetyTriggered), crisis));
    }

    private static async Task<Ok<List<InstrumentDto>>> Instruments(InstrumentCatalog catalog, MeasurementService measurements)
    {
        var enabled = await measurements.EnabledInstrumentsAsync();
        var checkIn = await measurements.CheckInInstrumentAsync();
        return TypedResults.Ok(enabled.Select(catalog.Find).OfType<InstrumentDefinition>().OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new InstrumentDto(i.Id, i.Title, i.Items.Count, i.Id == checkIn)).ToList());
    }
}
