using System.Text.Json;
using System.Text.Json.Serialization;
using Hearth.Statistics.Evaluation;

namespace Hearth.Content.Evaluation;

/// <summary>
/// <c>hearth did --format json</c>, a contract other tools read: the effect of the change on the treated
/// units with its clustered SE, df (clusters − 1), t, p and 95% CI, and the clusters and rows it rests on.
/// A number that cannot be computed (t of an SE of zero) is null.
/// </summary>
public sealed record DidReport(double? Estimate, double? Se, double? Df, double? T, double? P, double? CiLower, double? CiUpper, int Clusters, int Rows)
{
    public static DidReport Of(DifferenceInDifferencesResult fit)
    {
        var e = fit.Effect;
        return new DidReport(Finite.OrNull(e.Estimate), Finite.OrNull(e.StandardError), Finite.OrNull(e.Df), Finite.OrNull(e.T), Finite.OrNull(e.P),
            Finite.OrNull(e.CiLower), Finite.OrNull(e.CiUpper), fit.Clusters, fit.Rows);
    }

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationJsonContext.Default.DidReport);
}

/// <summary>
/// <c>hearth its --format json</c>, a contract other tools read: the trend before the change, the change in
/// level at its first period and the change in trend after it, each with its Newey–West SE, t and p, and
/// the number of periods.
/// </summary>
public sealed record ItsReport(ItsPart PreSlope, ItsPart LevelChange, ItsPart SlopeChange, int N)
{
    public static ItsReport Of(InterruptedTimeSeriesResult fit) =>
        new(ItsPart.Of(fit.PreSlope), ItsPart.Of(fit.LevelChange), ItsPart.Of(fit.SlopeChange), fit.N);

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationJsonContext.Default.ItsReport);
}

public sealed record ItsPart(double? Estimate, double? Se, double? T, double? P)
{
    public static ItsPart Of(EffectEstimate e) => new(Finite.OrNull(e.Estimate), Finite.OrNull(e.StandardError), Finite.OrNull(e.T), Finite.OrNull(e.P));
}

internal static class Finite
{
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DidReport))]
[JsonSerializable(typeof(ItsReport))]
public sealed partial class EvaluationJsonContext : JsonSerializerContext;
