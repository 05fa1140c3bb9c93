using Hearth.Content.Instruments;

namespace Hearth.Content.Tests.Instruments;

/// <summary>Published norms per score: checked against the score's range, and shipped only as published.</summary>
public class NormTests
{
    public static ScoreNorm Norm(double mean, double sd, string source = "A manual, table 1", string sample = "a reference sample (N = 100)") =>
        new() { Mean = mean, Sd = sd, Source = source, Sample = sample };

    // The simple test instrument's "total" is a sum of four 1–5 items: 4 to 20.
    private static IReadOnlyList<ValidationProblem> ValidateTotalWith(ScoreNorm norm)
    {
        var d = TestInstruments.Simple();
        return InstrumentValidator.Validate(d with { Scores = [d.Scores[0] with { Norm = norm }, .. d.Scores.Skip(1)] }, "test.json");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12.5)]
    [InlineData(20)]
    public void A_norm_within_the_scores_range_is_accepted(double mean)
    {
        Assert.Empty(ValidateTotalWith(Norm(mean, sd: 3)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2.5)]
    public void A_norm_whose_sd_is_not_above_zero_is_refused(double sd)
    {
        var problem = Assert.Single(ValidateTotalWith(Norm(mean: 12, sd)));
        Assert.Equal(("test.json", "$.scores[0].norm.sd"), (problem.File, problem.Location));
        Assert.Contains("above 0", problem.Message);
    }

    [Theory]
    [InlineData(3.9)]
    [InlineData(20.5)]
    public void A_norm_whose_mean_lies_outside_the_scores_range_is_refused(double mean)
    {
        var problem = Assert.Single(ValidateTotalWith(Norm(mean, sd: 3)));
        Assert.Equal(("test.json", "$.scores[0].norm.mean"), (problem.File, problem.Location));
        Assert.Contains("outside the score's range 4–20", problem.Message);
    }

    [Fact]
    public void A_norm_must_say_where_it_is_published_and_whom_it_describes()
    {
        var locations = ValidateTotalWith(Norm(mean: 12, sd: 3, source: " ", sample: "")).Select(p => p.Location);
        Assert.Equal(new[] { "$.scores[0].norm.source", "$.scores[0].norm.sample" }, locations);
    }

    [Fact]
    public void A_norm_file_missing_its_source_is_refused_by_the_loader()
    {
        var json = InstrumentJson.Serialize(TestInstruments.Simple())
            .Replace("\"missing\": {", "\"norm\": { \"mean\": 12, \"sd\": 3, \"sample\": \"s\" },\n      \"missing\": {", StringComparison.Ordinal);
        var result = InstrumentLoader.LoadText(json, "norm.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.File == "norm.json" && p.Message.Contains("source", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mbi-hss", "emotional_exhaustion", 20.99, 10.75, "N = 11,067")]
    [InlineData("mbi-hss", "depersonalization", 8.73, 5.89, "N = 11,067")]
    [InlineData("mbi-hss", "personal_accomplishment", 34.58, 7.11, "N = 11,067")]
    [InlineData("pss-10", "total", 13.02, 6.35, "N = 2,387")]
    public void Shipped_norms_are_the_published_figures(string instrument, string score, double mean, double sd, string sampleSize)
    {
        var norm = TestInstruments.ShippedOne(instrument).Scores.Single(s => s.Id == score).Norm;
        Assert.NotNull(norm);
        Assert.Equal((mean, sd), (norm.Mean, norm.Sd));
        Assert.Contains(sampleSize, norm.Sample);
    }

    [Fact]
    public void Norms_are_shipped_only_where_the_figures_are_cited()
    {
        var withNorms = TestInstruments.Shipped.Value.Instruments
            .SelectMany(i => i.Scores.Where(s => s.Norm is not null).Select(s => $"{i.Id}/{s.Id}"));
        Assert.Equal(new[] { "mbi-hss/emotional_exhaustion", "mbi-hss/depersonalization", "mbi-hss/personal_accomplishment", "pss-10/total" }, withNorms);
    }
}
