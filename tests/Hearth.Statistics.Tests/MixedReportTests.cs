using System.Text.Json;
using Hearth.Content.Analysis;
using Hearth.Statistics.Anova;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>The <c>random</c> object of the mixed-model report: the slope's keys only with a slope, and no NaN in JSON.</summary>
public class MixedReportTests
{
    private static readonly LongData Data = new([], [new Factor("wave", ["1", "2", "3"])], ["s1"], [0], [1, 2, 3], []);

    private static JsonElement Random(MixedModelResult fit)
    {
        using var stream = new MemoryStream();
        MixedReport.Of(Data, fit, DenominatorDf.Satterthwaite).Write(stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("random").Clone();
    }

    [Fact]
    public void The_random_intercept_model_keeps_its_two_keys()
    {
        var random = Random(new MixedModelResult([], 2, 1, 10, 3, []));
        Assert.Equal(["subject_intercept_variance", "residual_variance"], random.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void An_undefined_correlation_is_written_as_null()
    {
        // With the slope's variance at zero the correlation is 0/0, NaN, which JSON numbers cannot hold.
        var random = Random(new MixedModelResult([], 2, 1, 10, 3, [], SubjectSlopeVariance: 0, InterceptSlopeCorrelation: double.NaN));
        Assert.Equal(["subject_intercept_variance", "subject_slope_variance", "intercept_slope_correlation", "residual_variance"], random.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, random.GetProperty("subject_slope_variance").GetDouble());
        Assert.Equal(JsonValueKind.Null, random.GetProperty("intercept_slope_correlation").ValueKind);
        var defined = Random(new MixedModelResult([], 2, 1, 10, 3, [], SubjectSlopeVariance: 0.5, InterceptSlopeCorrelation: -0.25));
        Assert.Equal(-0.25, defined.GetProperty("intercept_slope_correlation").GetDouble());
    }
}
