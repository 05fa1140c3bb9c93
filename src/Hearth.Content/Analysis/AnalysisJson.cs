using System.Text.Json;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// The JSON of <c>hearth analyze --format json</c>, a contract other tools read:
/// <c>design</c>, <c>anova</c>, <c>sphericity</c>, <c>descriptives</c>, <c>pairwise</c>, with
/// snake_case keys. A value that cannot be computed (an SD of one subject) is null.
/// </summary>
public static class AnalysisJson
{
    public static void Write(Stream output, RepeatedMeasuresAnalysis analysis, bool indented = true)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        var data = analysis.Data;
        json.WriteStartObject();

        json.WriteStartObject("design");
        json.WriteNumber("subjects", data.SubjectCount);
        StringArray(json, "excluded_subjects", data.ExcludedSubjects);
        StringArray(json, "between", data.Between.Select(f => f.Name));
        StringArray(json, "within", data.Within.Select(f => f.Name));
        json.WriteStartObject("levels");
        foreach (var factor in data.Between.Concat(data.Within))
        {
            StringArray(json, factor.Name, factor.Levels);
        }
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("anova");
        foreach (var e in analysis.Anova.Effects)
        {
            json.WriteStartObject();
            json.WriteString("effect", e.Effect);
            Number(json, "ss", e.SumOfSquares);
            Number(json, "df_num", e.DfNumerator);
            Number(json, "ss_error", e.ErrorSumOfSquares);
            Number(json, "df_den", e.DfDenominator);
            Number(json, "ms", e.MeanSquare);
            Number(json, "ms_error", e.ErrorMeanSquare);
            Number(json, "f", e.F);
            Number(json, "p", e.P);
            Number(json, "partial_eta_squared", e.PartialEtaSquared);
            Number(json, "generalized_eta_squared", e.GeneralizedEtaSquared);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("sphericity");
        foreach (var s in analysis.Anova.Sphericity)
        {
            json.WriteStartObject();
            json.WriteString("effect", s.Effect);
            Number(json, "mauchly_w", s.MauchlyW);
            Number(json, "mauchly_p", s.MauchlyP);
            Number(json, "gg_epsilon", s.GreenhouseGeisserEpsilon);
            Number(json, "gg_p", s.GreenhouseGeisserP);
            Number(json, "hf_epsilon", s.HuynhFeldtEpsilon);
            Number(json, "hf_p", s.HuynhFeldtP);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        var factors = data.Between.Concat(data.Within).Select(f => f.Name).ToList();
        json.WriteStartArray("descriptives");
        foreach (var d in analysis.Descriptives)
        {
            json.WriteStartObject();
            for (var f = 0; f < factors.Count; f++)
            {
                json.WriteString(factors[f], d.Levels[f]);
            }
            json.WriteNumber("n", d.N);
            Number(json, "mean", d.Mean);
            Number(json, "sd", d.Sd);
            Number(json, "ci_lower", d.CiLower);
            Number(json, "ci_upper", d.CiUpper);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("pairwise");
        foreach (var p in analysis.Pairwise)
        {
            json.WriteStartObject();
            json.WriteString("family", p.Family);
            json.WriteString("contrast", p.Contrast);
            Number(json, "estimate", p.Estimate);
            Number(json, "se", p.StandardError);
            Number(json, "df", p.Df);
            Number(json, "t", p.T);
            Number(json, "p", p.P);
            Number(json, "p_bonferroni", p.PBonferroni);
            Number(json, "cohens_d", p.CohensD);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void StringArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }
        json.WriteEndArray();
    }
}
