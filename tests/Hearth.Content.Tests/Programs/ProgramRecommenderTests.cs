using Hearth.Content.Scoring;
using Hearth.Content.Programs;
using Hearth.Tests;

namespace Hearth.Content.Tests.Programs;

public class ProgramRecommenderTests
{
    private static readonly Lazy<ProgramCatalog> Programs = new(() => ProgramCatalog.Load(RepoRoot.Combine("content", "programs"), TestInstruments.Shipped.Value));

    private static ScoreHistory Latest(string instrument, string score, double value, string band)
    {
        var definition = TestInstruments.ShippedOne(instrument);
        return new ScoreHistory(definition, definition.Scores.Single(s => s.Id == score),
            [new ScorePoint(DateTimeOffset.UnixEpoch, value, band)], null, null, null);
    }

    [Fact]
    public void Loneliness_suggests_helping_the_helper_with_its_reason()
    {
        var band = TestInstruments.ShippedOne("ucla-3").Scores[0].Bands[^1].Label; // the lonelier band
        var recommendations = ProgramRecommender.Recommend([Latest("ucla-3", "total", 8, band)], Programs.Value.Programs);
        var hth = Assert.Single(recommendations, r => r.Program.Id == "helping-the-helper");
        Assert.NotEmpty(hth.Reasons);
    }

    [Fact]
    public void High_secondary_traumatic_stress_suggests_compassion_training()
    {
        var recommendations = ProgramRecommender.Recommend([Latest("proqol-5", "secondary_traumatic_stress", 44, "high")], Programs.Value.Programs);
        Assert.Contains(recommendations, r => r.Program.Id == "compassion-training");
    }

    [Fact]
    public void Scores_in_untroubled_bands_suggest_nothing()
    {
        var low = TestInstruments.ShippedOne("ucla-3").Scores[0].Bands[0].Label;
        Assert.Empty(ProgramRecommender.Recommend([Latest("ucla-3", "total", 3, low), Latest("proqol-5", "secondary_traumatic_stress", 15, "low")], Programs.Value.Programs));
    }

    [Fact]
    public void Every_program_names_bands_that_exist()
    {
        // The loader checks bands against the instrument library; here: every program can be triggered at all.
        foreach (var program in Programs.Value.Programs)
        {
            Assert.NotEmpty(program.RecommendWhen);
        }
    }
}
