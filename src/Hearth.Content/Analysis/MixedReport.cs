using System.Text.Json;
using System.Text.Json.Serialization;
using Hearth.Statistics.Mixed;

namespace Hearth.Content.Analysis;

/// <summary>
/// The report of <c>hearth analyze --model mixed</c>, a contract other tools read: <c>model</c>,
/// <c>ddf</c>, <c>design</c> (as in the ANOVA report), <c>observations</c>, <c>anova</c> (type III F tests
/// per effect), <c>random</c> (the variances) and <c>reml_criterion</c> (−2 × REML log-likelihood).
/// Subjects with some waves missing are kept; only subjects with no value at all are listed as excluded.
/// </summary>
public sealed record MixedReport(
    string Model,
    string Ddf,
    DesignSummary Design,
    int Observations,
    IReadOnlyList<MixedAnovaRow> Anova,
    VarianceComponents Random,
    double RemlCriterion)
{
    public static MixedReport Of(LongData data, MixedModelResult fit, DenominatorDf ddf)
    {
        var levels = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var factor in data.Between.Concat(data.Within))
        {
            levels[factor.Name] = factor.Levels;
        }
        return new MixedReport("mixed", ddf == DenominatorDf.KenwardRoger ? "kenward-roger" : "satterthwaite",
            new DesignSummary(data.SubjectCount, data.ExcludedSubjects, [.. data.Between.Select(f => f.Name)], [.. data.Within.Select(f => f.Name)], levels),
            fit.Observations,
            [.. fit.Anova.Select(t => new MixedAnovaRow(t.Effect, t.DfNumerator, t.DfDenominator, t.F, t.P))],
            new VarianceComponents(fit.SubjectInterceptVariance, fit.SubjectSlopeVariance, fit.InterceptSlopeCorrelation, fit.ResidualVariance),
            fit.RemlCriterion);
    }

    /// <summary>Whether the model had a random slope on the wave besides the random intercept.</summary>
    [JsonIgnore]
    public bool HasRandomSlope => Random.SubjectSlopeVariance is not null;

    public void Write(Stream output, bool indented = true) =>
        JsonSerializer.Serialize(output, this, new JsonSerializerOptions(AnalysisJsonContext.Default.Options) { WriteIndented = indented }.GetTypeInfo(typeof(MixedReport)));
}

public sealed record MixedAnovaRow(string Effect, double DfNum, double DfDen, double F, double P);

/// <summary>
/// The variances of the random effects. The slope's variance and its correlation with the intercept
/// exist only for the random-slope model, and the JSON has them only then, so the random-intercept
/// report keeps its two keys. A correlation that is undefined (a variance at zero) is written as null.
/// </summary>
public sealed record VarianceComponents(
    double SubjectInterceptVariance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SubjectSlopeVariance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(NaNAsNullConverter))] double? InterceptSlopeCorrelation,
    double ResidualVariance);

/// <summary>Writes NaN (a value that cannot be computed) as JSON null, which JSON numbers cannot express.</summary>
public sealed class NaNAsNullConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is not { } number || double.IsNaN(number))
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }
}
